// Static list so migrations bundle with Next and run under tsx alike (no directory scanning at run time).
import type { Migration } from 'kysely';
import * as initialSchema from './20261125T0900-initial-schema';
import * as publication from './20261125T1200-publication';
import * as auth from './20261125T1300-auth';
import * as walkProtocolIntegrity from './20261125T1400-walk-protocol-integrity';
import * as recordConfirmation from './20261126T1200-record-confirmation';
import * as importKeys from './20261126T1300-import-keys';
import * as analysisRunFrozen from './20261126T1400-analysis-run-frozen';
import * as councilLoop from './20261126T1500-council-loop';
import * as citizenReportModeration from './20261126T1600-citizen-report-moderation';
import * as dialogueSummary from './20261127T1100-dialogue-summary';
import * as policeFeedEvent from './20261127T1200-police-feed-event';
import * as incidentTimeCoveringIndex from './20261127T2100-incident-time-covering-index';
import * as incidentSeq from './20261128T0100-incident-seq';
import * as incidentRevision from './20261128T0110-incident-revision';
import * as publicTextModeration from './20261128T0400-public-text-moderation';
import * as focusAreaPublicText from './20261128T0500-focus-area-public-text';
import * as incidentGridCell from './20261129T0100-incident-grid-cell';

export const migrations: Record<string, Migration> = {
  '20261125T0900-initial-schema': initialSchema,
  '20261125T1200-publication': publication,
  '20261125T1300-auth': auth,
  '20261125T1400-walk-protocol-integrity': walkProtocolIntegrity,
  '20261126T1200-record-confirmation': recordConfirmation,
  '20261126T1300-import-keys': importKeys,
  '20261126T1400-analysis-run-frozen': analysisRunFrozen,
  '20261126T1500-council-loop': councilLoop,
  '20261126T1600-citizen-report-moderation': citizenReportModeration,
  '20261127T1100-dialogue-summary': dialogueSummary,
  '20261127T1200-police-feed-event': policeFeedEvent,
  '20261127T2100-incident-time-covering-index': incidentTimeCoveringIndex,
  '20261128T0100-incident-seq': incidentSeq,
  '20261128T0110-incident-revision': incidentRevision,
  '20261128T0400-public-text-moderation': publicTextModeration,
  '20261128T0500-focus-area-public-text': focusAreaPublicText,
  '20261129T0100-incident-grid-cell': incidentGridCell,
};
