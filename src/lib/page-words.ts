import { getCollection, type CollectionEntry } from 'astro:content';

// The words of the site's frame and its own pages live in single-file collections (content/settings/
// chrome.yml, content/pages/*.yml, content/tools/*.yml): each holds one entry, which is what a page reads.
type WordsCollection =
  | 'chrome'
  | 'formScript'
  | 'homePage'
  | 'notFoundPage'
  | 'protocolPage'
  | 'planningPage'
  | 'searchPage'
  | 'toolsShared'
  | 'readinessTool'
  | 'plannerTool'
  | 'recordTool';

export async function wordsOf<C extends WordsCollection>(name: C): Promise<CollectionEntry<C>['data']> {
  const [entry] = await getCollection(name);
  if (!entry) throw new Error(`The words of ${name} are missing from content/`);
  return entry.data;
}
