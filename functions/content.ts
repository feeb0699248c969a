import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { z } from 'zod';
import { emailFiles, fileCollections, folderCollections, formCollections } from '../src/schemas/content-model.ts';
import type { EmailWords, IntakeWords } from '../src/schemas/intake-words.ts';
import type { Refusals } from '../src/schemas/data.ts';
import type { FormContent, FormId } from './forms/index.ts';

// The functions read the same content/ files as the site, at run time, so an editor's change to an
// inbox reaches routing on the next deploy without a code change. Checked with the site's schemas.

/** Everything every form shares; `text` is picked per form. */
export type SiteContent = Omit<FormContent, 'text'> & { formText: Record<string, FormContent['text']> };

/** Finds content/: CONTENT_DIR, else the working directory (astro dev, the CLI, a deployed function
 * with `included_files`), else next to this file's source or bundle. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  if (env.CONTENT_DIR) return path.resolve(env.CONTENT_DIR);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve('content'),
    path.resolve(here, '../content'),
    path.resolve(here, '../../content'),
    path.resolve(here, '../../../content'),
    '/var/task/content',
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'settings/site.yml'))) ?? candidates[0]!;
}

const cache = new Map<string, Promise<SiteContent>>();

/** Loads and checks content/ once per process and directory. */
export function loadSiteContent(dir = contentDir()): Promise<SiteContent> {
  let loaded = cache.get(dir);
  if (!loaded) {
    loaded = readSiteContent(dir);
    cache.set(dir, loaded);
    // A failed read (a half-written file) must not stick for the life of the process.
    loaded.catch(() => cache.delete(dir));
  }
  return loaded;
}

export async function loadFormContent(formId: FormId, dir = contentDir()): Promise<FormContent> {
  const { formText, ...site } = await loadSiteContent(dir);
  const text = formText[formId];
  if (!text) throw new Error(`content/forms/${formId}.yml is missing`);
  return { ...site, text };
}

async function readSiteContent(dir: string): Promise<SiteContent> {
  const { organisations: organisationModel } = folderCollections;
  const organisationFiles = (await readdir(path.join(dir, organisationModel.folder))).filter(isYaml).sort();
  const organisations = await Promise.all(
    organisationFiles.map(async (file) => ({
      id: file.replace(/\.ya?ml$/, ''),
      ...(await readChecked(dir, `${organisationModel.folder}/${file}`, organisationModel.schema)),
    })),
  );
  const formText = Object.fromEntries(
    await Promise.all(
      Object.entries(formCollections).map(async ([id, name]) => {
        const model = fileCollections[name];
        return [id, (await readChecked(dir, model.file, model.schema)) as unknown as FormContent['text']];
      }),
    ),
  );
  const lists = fileCollections;
  const [areas, expectations, principles, agreementTerms, settings, words, intake] = await Promise.all([
    readChecked(dir, lists.areasOfCoaching.file, lists.areasOfCoaching.schema),
    readChecked(dir, lists.coachExpectations.file, lists.coachExpectations.schema),
    readChecked(dir, lists.guidingPrinciples.file, lists.guidingPrinciples.schema),
    readChecked(dir, lists.agreementTerms.file, lists.agreementTerms.schema),
    readChecked(dir, lists.settings.file, lists.settings.schema),
    readChecked(dir, lists.formWords.file, lists.formWords.schema),
    readIntakeWords(dir),
  ]);
  return {
    organisations: organisations.sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    areasOfCoaching: areas.items,
    coachExpectations: expectations.items,
    coachExpectationsIntro: expectations.intro,
    researchNote: expectations.research,
    guidingPrinciples: principles.items,
    agreementTerms,
    settings,
    words,
    intake,
    formText,
  };
}

/** The emails' words (content/emails/) and the sent and confirm pages' (content/pages/). */
async function readIntakeWords(dir: string): Promise<IntakeWords> {
  const emails = Object.fromEntries(
    await Promise.all(
      Object.entries(emailFiles).map(async ([email, name]) => {
        const { file, schema } = fileCollections[name];
        return [email, await readChecked(dir, file, schema as z.ZodType)] as const;
      }),
    ),
  ) as unknown as EmailWords;
  const [sent, confirm] = await Promise.all([
    readChecked(dir, fileCollections.sentPage.file, fileCollections.sentPage.schema),
    readChecked(dir, fileCollections.confirmPage.file, fileCollections.confirmPage.schema),
  ]);
  return { emails, sent, confirm };
}

/** The refusal pages' words, with the contact address their help line names. */
export type RefusalWords = Refusals & { contactEmail: string };

const refusalsCache = new Map<string, Promise<RefusalWords>>();

/** The words of the refusal pages (content/settings/refusals.yml), checked, once per process. */
export function loadRefusals(dir = contentDir()): Promise<RefusalWords> {
  let loaded = refusalsCache.get(dir);
  if (!loaded) {
    loaded = Promise.all([
      readChecked(dir, fileCollections.refusals.file, fileCollections.refusals.schema),
      readChecked(dir, fileCollections.settings.file, fileCollections.settings.schema),
    ]).then(([words, settings]) => ({ ...words, contactEmail: settings.contactEmail }));
    refusalsCache.set(dir, loaded);
    loaded.catch(() => refusalsCache.delete(dir));
  }
  return loaded;
}

const isYaml = (file: string) => /\.ya?ml$/.test(file);

async function readChecked<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.infer<S>> {
  const result = schema.safeParse(parse(await readFile(path.join(dir, file), 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new Error(`content/${file} is not valid: ${problems.join('; ')}`);
  }
  return result.data;
}
