import type { z } from 'zod';
import {
  fileCollections,
  folderCollections,
  orderedCollections,
  type FileCollectionName,
  type FolderCollectionName,
} from '../schemas/content-model.ts';
import { fieldsFromSchema, type DecapField } from './schema-fields.ts';
import { bodyHint, uiHints } from './ui-hints.ts';
import { BODY_WIDGET, FORMAT } from './names.ts';
import { formsGroup } from './ui-hints-forms.ts';

// The whole Decap CMS configuration, built at build time from the content schemas (the same ones
// src/content.config.ts uses) plus the backend chosen by environment variables. The admin page
// hands it to CMS.init() with load_config_file: false, so there is no config.yml to drift.

type ContentName = keyof typeof uiHints;

/** Where each content collection lives in content/ and how its files are written. */
interface Source {
  name: ContentName;
  schema: z.ZodObject;
}
interface FolderSource extends Source {
  folder: string;
  type: 'mdx' | 'yml';
  identifier: string;
  create: boolean;
}
/** A single-file content collection: its entry in a Decap files collection has the same name. */
interface FileSource extends Source {
  file: string;
}

/** How the CMS lists each folder collection; where it lives and its schema come from the content model. */
const folderOptions: Record<FolderCollectionName, { identifier: string; create: boolean }> = {
  guidance: { identifier: 'title', create: true },
  protocol: { identifier: 'title', create: false },
  planning: { identifier: 'title', create: false },
  readiness: { identifier: 'question', create: false },
  organisations: { identifier: 'name', create: true },
};

export const folderSources: FolderSource[] = Object.entries(folderCollections).map(([name, model]) => ({
  name: name as FolderCollectionName,
  schema: model.schema,
  folder: `content/${model.folder}`,
  type: model.extension,
  ...folderOptions[name as FolderCollectionName],
}));

const fileSource = (name: FileCollectionName): FileSource => ({
  name,
  schema: fileCollections[name].schema,
  file: `content/${fileCollections[name].file}`,
});

/** Files collections: one Decap collection holding several single-file content collections. */
export const fileGroups: { name: string; label: string; description: string; files: FileSource[] }[] = [
  { ...formsGroup, files: formsGroup.files.map(fileSource) },
  {
    name: 'lists',
    label: 'Lists',
    description: 'The lists the forms offer as choices and the guidance shows.',
    files: [
      fileSource('areasOfCoaching'),
      fileSource('coachExpectations'),
      fileSource('guidingPrinciples'),
      fileSource('agreementTerms'),
    ],
  },
  {
    name: 'settings',
    label: 'Site settings',
    description: uiHints.settings.description,
    files: [fileSource('settings'), fileSource('chrome'), fileSource('refusals'), fileSource('formScript')],
  },
  {
    name: 'pages',
    label: 'Home, search and other pages',
    description:
      'The words of the home page, the page-not-found page, the protocol and planning guide landing pages and search.',
    files: [
      fileSource('homePage'),
      fileSource('notFoundPage'),
      fileSource('protocolPage'),
      fileSource('planningPage'),
      fileSource('searchPage'),
    ],
  },
  {
    name: 'emails',
    label: 'Emails',
    description:
      'Every email the forms send: to workforce development, to the person who sent the form and to the person who confirms it. ' +
      'Words in { } are filled in when the email is sent; each box says which it can use.',
    files: [
      fileSource('emailToWorkforce'),
      fileSource('emailReceipt'),
      fileSource('emailConfirmRequest'),
      fileSource('emailConfirmed'),
      fileSource('emailReminder'),
      fileSource('emailExpiredApplicant'),
      fileSource('emailExpiredWorkforce'),
      fileSource('emailAddressBounced'),
      fileSource('emailInboxAlert'),
    ],
  },
  {
    name: 'sent-confirm',
    label: 'Sent and confirm pages',
    description: 'The page after a form is sent, and the pages for confirming a form from the emailed link.',
    files: [fileSource('sentPage'), fileSource('confirmPage')],
  },
  {
    name: 'tools',
    label: 'Tools',
    description:
      'The words of the readiness checklist, the planner and the coaching record, and the words every tool shares.',
    files: [
      fileSource('toolsShared'),
      fileSource('readinessTool'),
      fileSource('plannerTool'),
      fileSource('recordTool'),
    ],
  },
];

const body: DecapField = {
  name: 'body',
  label: bodyHint.label,
  hint: bodyHint.hint,
  widget: BODY_WIDGET,
  required: true,
};

function folderCollection(source: FolderSource) {
  const hints = uiHints[source.name];
  const ordered = (orderedCollections as readonly string[]).includes(source.name);
  const order = ordered
    ? { among: source.identifier, label: 'labelSingular' in hints ? hints.labelSingular : 'entry' }
    : undefined;
  const fields = fieldsFromSchema(source.schema, hints.fields, source.name, order);
  return {
    name: source.name,
    label: hints.label,
    label_singular: 'labelSingular' in hints ? hints.labelSingular : undefined,
    description: hints.description,
    folder: source.folder,
    extension: source.type,
    format: FORMAT[source.type],
    identifier_field: source.identifier,
    slug: '{{slug}}',
    create: source.create,
    delete: source.create,
    sortable_fields: fields.some((f) => f.name === 'number') ? ['number', source.identifier] : [source.identifier],
    fields: source.type === 'mdx' ? [...fields, body] : fields,
  };
}

function filesCollection(group: (typeof fileGroups)[number]) {
  return {
    name: group.name,
    label: group.label,
    description: group.description,
    format: FORMAT.yml,
    create: false,
    delete: false,
    files: group.files.map((source) => {
      const hints = uiHints[source.name];
      return {
        name: source.name,
        label: hints.label,
        file: source.file,
        format: FORMAT.yml,
        fields: fieldsFromSchema(source.schema, hints.fields, source.name),
      };
    }),
  };
}

export type Env = Record<string, string | undefined>;

/**
 * A build Netlify runs for the public (production, deploy previews, branch deploys): the CMS there
 * must edit a real repository. `netlify dev` sets CONTEXT=dev, which is local.
 */
const isDeployBuild = (env: Env) => Boolean(env.CONTEXT && env.CONTEXT !== 'dev');

/** The backend from build-time environment variables; see docs/cms.md. */
export function backendFromEnv(env: Env) {
  const name = env.CMS_BACKEND || 'github';
  // Netlify sets REPOSITORY_URL (https://github.com/owner/repo) during builds.
  const fromNetlify = env.REPOSITORY_URL?.match(/[/:]([^/:]+\/[^/]+?)(?:\.git)?$/)?.[1];
  const repo = env.CMS_REPO || fromNetlify;
  if (!repo && isDeployBuild(env)) {
    throw new Error(
      'The CMS does not know which repository to edit: set CMS_REPO to owner/repository (Netlify sets REPOSITORY_URL itself when the site is linked to a Git repository).',
    );
  }
  const backend: Record<string, string> = {
    name,
    // Locally (npm start, tests) the local backend is used and the repository is never contacted.
    repo: repo || 'local/not-deployed',
    // Netlify sets BRANCH (and HEAD) to the branch it is building, so each deploy edits its own branch.
    branch: env.CMS_BRANCH || env.BRANCH || env.HEAD || 'main',
  };
  if (name === 'github') {
    // Netlify's OAuth provider: add a GitHub OAuth app under the site's Access control settings.
    backend.base_url = env.CMS_BASE_URL || 'https://api.netlify.com';
    backend.auth_endpoint = env.CMS_AUTH_ENDPOINT || 'auth';
  } else {
    if (env.CMS_BASE_URL) backend.base_url = env.CMS_BASE_URL;
    if (env.CMS_AUTH_ENDPOINT) backend.auth_endpoint = env.CMS_AUTH_ENDPOINT;
  }
  if (env.CMS_API_ROOT) backend.api_root = env.CMS_API_ROOT;
  if (env.CMS_APP_ID) backend.app_id = env.CMS_APP_ID;
  if (env.CMS_AUTH_TYPE) backend.auth_type = env.CMS_AUTH_TYPE;
  if (env.CMS_IDENTITY_URL) backend.identity_url = env.CMS_IDENTITY_URL;
  if (env.CMS_GATEWAY_URL) backend.gateway_url = env.CMS_GATEWAY_URL;
  if (env.CMS_SITE_DOMAIN) backend.site_domain = env.CMS_SITE_DOMAIN;
  if (env.CMS_TURBO_SITE_ID) backend.turbo_site_id = env.CMS_TURBO_SITE_ID;
  return backend;
}

/**
 * The local backend (decap-server) is tried only when /admin/ is opened on localhost or 127.0.0.1:
 * Decap ignores it on any other host, so leaving it in a production build is harmless. Its port
 * comes from DECAP_SERVER_PORT (npm start sets it) or CMS_LOCAL_BACKEND_URL.
 */
export function localBackendFromEnv(env: Env) {
  if (env.CMS_LOCAL_BACKEND === 'false') return undefined;
  return { url: env.CMS_LOCAL_BACKEND_URL || `http://localhost:${env.DECAP_SERVER_PORT || '8081'}/api/v1` };
}

export function buildCmsConfig(env: Env = {}) {
  const localBackend = localBackendFromEnv(env);
  return {
    load_config_file: false,
    backend: backendFromEnv(env),
    ...(localBackend ? { local_backend: localBackend } : {}),
    // Draft, In review, Ready, then Published. decap-server's file mode has no workflow, so Decap
    // itself falls back to simple publishing when it runs against the local backend.
    publish_mode: env.CMS_PUBLISH_MODE || 'editorial_workflow',
    ...(env.URL ? { site_url: env.URL, display_url: env.URL } : {}),
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    collections: [...folderSources.map(folderCollection), ...fileGroups.map(filesCollection)],
  };
}

export type CmsConfig = ReturnType<typeof buildCmsConfig>;
