import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { fileCollections as file, folderCollections as folder } from './schemas/content-model.ts';

// Everything editors own lives in the top-level content/ folder, which Decap CMS writes to.
// Folders, files and schemas come from src/schemas/content-model.ts.

const inFolder = ({ folder, extension }: { folder: string; extension: string }) =>
  glob({ base: `./content/${folder}`, pattern: `*.${extension}` });

const inFile = ({ file }: { file: string }) => {
  const slash = file.lastIndexOf('/');
  return glob({ base: `./content/${file.slice(0, slash)}`, pattern: file.slice(slash + 1) });
};

export const collections = {
  guidance: defineCollection({ loader: inFolder(folder.guidance), schema: folder.guidance.schema }),
  protocol: defineCollection({ loader: inFolder(folder.protocol), schema: folder.protocol.schema }),
  planning: defineCollection({ loader: inFolder(folder.planning), schema: folder.planning.schema }),
  readiness: defineCollection({ loader: inFolder(folder.readiness), schema: folder.readiness.schema }),
  organisations: defineCollection({ loader: inFolder(folder.organisations), schema: folder.organisations.schema }),
  coachEoiForm: defineCollection({ loader: inFile(file.coachEoiForm), schema: file.coachEoiForm.schema }),
  coacheeApplicationForm: defineCollection({
    loader: inFile(file.coacheeApplicationForm),
    schema: file.coacheeApplicationForm.schema,
  }),
  coachingAgreementForm: defineCollection({
    loader: inFile(file.coachingAgreementForm),
    schema: file.coachingAgreementForm.schema,
  }),
  formWords: defineCollection({ loader: inFile(file.formWords), schema: file.formWords.schema }),
  areasOfCoaching: defineCollection({ loader: inFile(file.areasOfCoaching), schema: file.areasOfCoaching.schema }),
  coachExpectations: defineCollection({
    loader: inFile(file.coachExpectations),
    schema: file.coachExpectations.schema,
  }),
  guidingPrinciples: defineCollection({
    loader: inFile(file.guidingPrinciples),
    schema: file.guidingPrinciples.schema,
  }),
  agreementTerms: defineCollection({ loader: inFile(file.agreementTerms), schema: file.agreementTerms.schema }),
  settings: defineCollection({ loader: inFile(file.settings), schema: file.settings.schema }),
  refusals: defineCollection({ loader: inFile(file.refusals), schema: file.refusals.schema }),
  formScript: defineCollection({ loader: inFile(file.formScript), schema: file.formScript.schema }),
  chrome: defineCollection({ loader: inFile(file.chrome), schema: file.chrome.schema }),
  homePage: defineCollection({ loader: inFile(file.homePage), schema: file.homePage.schema }),
  notFoundPage: defineCollection({ loader: inFile(file.notFoundPage), schema: file.notFoundPage.schema }),
  protocolPage: defineCollection({ loader: inFile(file.protocolPage), schema: file.protocolPage.schema }),
  planningPage: defineCollection({ loader: inFile(file.planningPage), schema: file.planningPage.schema }),
  searchPage: defineCollection({ loader: inFile(file.searchPage), schema: file.searchPage.schema }),
  sentPage: defineCollection({ loader: inFile(file.sentPage), schema: file.sentPage.schema }),
  confirmPage: defineCollection({ loader: inFile(file.confirmPage), schema: file.confirmPage.schema }),
  emailToWorkforce: defineCollection({ loader: inFile(file.emailToWorkforce), schema: file.emailToWorkforce.schema }),
  emailReceipt: defineCollection({ loader: inFile(file.emailReceipt), schema: file.emailReceipt.schema }),
  emailConfirmRequest: defineCollection({
    loader: inFile(file.emailConfirmRequest),
    schema: file.emailConfirmRequest.schema,
  }),
  emailConfirmed: defineCollection({ loader: inFile(file.emailConfirmed), schema: file.emailConfirmed.schema }),
  emailReminder: defineCollection({ loader: inFile(file.emailReminder), schema: file.emailReminder.schema }),
  emailExpiredApplicant: defineCollection({
    loader: inFile(file.emailExpiredApplicant),
    schema: file.emailExpiredApplicant.schema,
  }),
  emailExpiredWorkforce: defineCollection({
    loader: inFile(file.emailExpiredWorkforce),
    schema: file.emailExpiredWorkforce.schema,
  }),
  emailInboxAlert: defineCollection({ loader: inFile(file.emailInboxAlert), schema: file.emailInboxAlert.schema }),
  emailAddressBounced: defineCollection({
    loader: inFile(file.emailAddressBounced),
    schema: file.emailAddressBounced.schema,
  }),
  toolsShared: defineCollection({ loader: inFile(file.toolsShared), schema: file.toolsShared.schema }),
  readinessTool: defineCollection({ loader: inFile(file.readinessTool), schema: file.readinessTool.schema }),
  plannerTool: defineCollection({ loader: inFile(file.plannerTool), schema: file.plannerTool.schema }),
  recordTool: defineCollection({ loader: inFile(file.recordTool), schema: file.recordTool.schema }),
};
