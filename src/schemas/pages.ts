import { z } from 'zod';
import { requiredText as text } from './shared.ts';
import { wordsWith } from './words.ts';

// The words of the site's frame and of the pages that are not content pages themselves (home, 404, the
// protocol and planning landings, search). Addresses, order and structure stay in the pages; only the
// words live here, one field each, so every field is a plain box in the CMS.

/** content/settings/chrome.yml: the frame every page shares, and the furniture of reading pages. */
export const siteChromeSchema = z.object({
  pageTitle: wordsWith('the browser tab title', ['title', 'schemeName'], ['title']),
  skipLink: text('the skip link text'),
  searchLabel: text('the label of the search box'),
  searchButton: text('the search button text'),
  mainNavigationName: text('the name of the main navigation'),
  navPrinciples: text('the navigation link to the principles'),
  navProtocol: text('the navigation link to the protocol'),
  navPlanning: text('the navigation link to the planning guide'),
  navReadiness: text('the navigation link to the readiness checklist'),
  navApply: text('the navigation link to the forms'),
  navTools: text('the navigation link to the tools'),
  footerNavigationName: text('the name of the footer links'),
  footerAbout: text('the footer link to the about page'),
  footerPrivacy: text('the footer link to the privacy notice'),
  footerAccessibility: text('the footer link to the accessibility statement'),
  footerSearch: text('the footer link to search'),
  footerContact: wordsWith('the footer’s contact line', ['contactEmail']),
  footerLine: wordsWith('the footer’s last line', ['schemeName', 'tagline'], []),
  breadcrumbsName: text('the name of the breadcrumbs'),
  breadcrumbsHome: text('the first breadcrumb, for the home page'),
  onThisPage: text('the heading of the page contents'),
  lastUpdated: wordsWith('the “Last updated” line', ['date']),
  previous: text('the word before the previous page'),
  next: text('the word before the next page'),
});
export type SiteChrome = z.infer<typeof siteChromeSchema>;

/** content/pages/home.yml: the three groups of cards on the home page. */
export const homePageSchema = z.object({
  applyHeading: text('the heading of the forms'),
  applyIntro: text('the sentence under the forms heading'),
  becomeACoachTitle: text('the title of the coach card'),
  becomeACoachText: text('the text of the coach card'),
  getCoachingTitle: text('the title of the coaching card'),
  getCoachingText: text('the text of the coaching card'),
  agreementTitle: text('the title of the agreement card'),
  agreementText: text('the text of the agreement card'),
  toolsHeading: text('the heading of the tools'),
  toolsIntro: text('the sentence under the tools heading'),
  planningTitle: text('the title of the planning card'),
  planningText: text('the text of the planning card'),
  plannerLink: text('the planning card’s link to the planner'),
  readinessTitle: text('the title of the readiness card'),
  readinessText: text('the text of the readiness card'),
  recordTitle: text('the title of the coaching record card'),
  recordText: text('the text of the coaching record card'),
  guidanceHeading: text('the heading of the guidance'),
  guidanceIntro: text('the sentence under the guidance heading'),
  principlesTitle: text('the title of the principles card'),
  principlesText: text('the text of the principles card'),
  protocolTitle: text('the title of the protocol card'),
  protocolText: text('the text of the protocol card'),
  planningGuideTitle: text('the title of the planning guide card'),
  planningGuideText: text('the text of the planning guide card'),
});
export type HomePage = z.infer<typeof homePageSchema>;

/** content/pages/not-found.yml: the page for an address that does not exist. */
export const notFoundPageSchema = z.object({
  title: text('the page title'),
  typed: text('the advice for a typed address'),
  pasted: text('the advice for a pasted address'),
  moved: text('the sentence before the list of ways on'),
  searchLink: text('the link to search'),
  homeItem: wordsWith('the way back to the home page', ['homeLink']),
  homeLink: text('the link to the home page'),
  guidanceItem: wordsWith('the way to the guidance', ['principlesLink', 'protocolLink', 'planningLink']),
  principlesLink: text('the link to the principles'),
  protocolLink: text('the link to the protocol'),
  planningLink: text('the link to the planning guide'),
  stillStuck: wordsWith('the last sentence', ['contactEmail']),
});
export type NotFoundPage = z.infer<typeof notFoundPageSchema>;

/** content/pages/protocol.yml: the protocol's landing page and what every phase page says around its text. */
export const protocolPageSchema = z.object({
  title: text('the page title'),
  description: wordsWith('the summary for search results', ['count'], []),
  lede: wordsWith('the summary under the title', ['count'], []),
  intro: text('the sentence before the phases'),
  phaseCaption: wordsWith('the line above a phase’s title', ['number', 'count'], ['number']),
  phaseName: wordsWith('a phase’s name in links', ['number', 'title']),
  pagerName: text('the name of the previous and next links'),
});
export type ProtocolPage = z.infer<typeof protocolPageSchema>;

/** content/pages/planning.yml: the planning guide's landing page and what every step page says around its text. */
export const planningPageSchema = z.object({
  title: text('the page title'),
  description: wordsWith('the summary for search results', ['count'], []),
  lede: wordsWith('the summary under the title', ['count'], []),
  intro: text('the sentence before the steps'),
  plannerLink: text('the button to the planner'),
  stepCaption: wordsWith('the line above a step’s title', ['number', 'count'], ['number']),
  stepName: wordsWith('a step’s name in links', ['number', 'title']),
  pagerName: text('the name of the previous and next links'),
  questionsHeading: text('the heading of a step’s planning questions'),
  stepPlannerLink: text('the button to the planner at the end of a step'),
});
export type PlanningPage = z.infer<typeof planningPageSchema>;

/** content/pages/search.yml: the search page, its filters, the messages its script shows, and its list of pages. */
export const searchPageSchema = z.object({
  title: text('the page title'),
  description: text('the summary for search results'),
  formName: text('the name of the search form'),
  queryLabel: text('the label of the search box'),
  button: text('the search button text'),
  filtersLegend: text('the heading of the filters'),
  filtersHint: text('the hint under the filters heading'),
  sectionPrinciples: text('the filter for the principles'),
  sectionProtocol: text('the filter for the protocol'),
  sectionPlanning: text('the filter for the planning guide'),
  sectionFormsAndTools: text('the filter for forms and tools'),
  sectionAbout: text('the filter for the pages about the scheme'),
  noScript: text('the notice without JavaScript'),
  unavailable: text('the notice when search fails'),
  moreResults: text('the button for more results'),
  matchingSections: wordsWith('the name of a result’s matching sections', ['title'], []),
  resultsFor: wordsWith('what was searched for', ['query']),
  resultsForInSections: wordsWith('what was searched for, in chosen sections', ['query', 'sections']),
  sectionsList: wordsWith('how the chosen sections are joined', ['list', 'last']),
  foundOne: wordsWith('the message for one result', ['where']),
  foundMany: wordsWith('the message for several results', ['count', 'where']),
  elsewhereOne: wordsWith('the message for one result hidden by the filters', ['where']),
  elsewhereMany: wordsWith('the message for results hidden by the filters', ['count', 'where']),
  none: wordsWith('the message for no results', ['where']),
  contentsHeading: text('the heading of the list of pages'),
  contentsGuidance: text('the heading of the guidance pages'),
  contentsProtocol: text('the heading of the protocol pages'),
  contentsProtocolOverview: text('the link to the protocol’s landing page'),
  contentsPlanning: text('the heading of the planning pages'),
  contentsPlanningOverview: text('the link to the planning guide’s landing page'),
  contentsForms: text('the heading of the forms'),
  contentsTools: text('the heading of the tools'),
  contentsReadiness: text('the link to the readiness checklist'),
  contentsPlanner: text('the link to the planner'),
  contentsRecord: text('the link to the coaching record'),
});
export type SearchPage = z.infer<typeof searchPageSchema>;
