// Inputs of the council's decision and reporting-back loop (issue 7): HTTP bodies and form posts.
import { z } from 'zod';
import { FOLLOW_UP_STATUSES } from '@/lib/domain/constants';
import { dateField, enumField, idField, optionalIdField, optionalTextField, quarterField, requiredTextField, TEXT_MAX, TITLE_MAX } from './common';

export const councilDecisionInputSchema = z.object({
  activity_id: idField('activity_id'),
  meeting_id: optionalIdField('meeting_id'),
  /** The meeting as minuted, e.g. "Lokala brottsförebyggande rådet 2026-11-18". */
  meeting_name: requiredTextField('meeting_name', TITLE_MAX),
  decided_on: dateField('decided_on'),
  outcome: enumField('outcome', ['decided', 'rejected'] as const),
  decision_text: requiredTextField('decision_text', TEXT_MAX),
});
export type CouncilDecisionInput = z.infer<typeof councilDecisionInputSchema>;

const indicatorValueField = z.preprocess(
  (v) => (v === '' || v === undefined ? null : typeof v === 'string' ? Number(v.replace(',', '.')) : v),
  z.number({ error: 'indicator_value must be a number' }).finite('indicator_value must be a finite number').nullable(),
);

export const followUpReportInputSchema = z.object({
  activity_id: idField('activity_id'),
  quarter: quarterField('quarter'),
  status: enumField('status', FOLLOW_UP_STATUSES),
  indicator_value: indicatorValueField,
  /** What was done during the quarter. */
  note: optionalTextField('note', TEXT_MAX),
  /** Which of the reporter's organisations reports (defaults to the one that takes part in the activity). */
  organisation_id: optionalIdField('organisation_id'),
});
export type FollowUpReportInput = z.infer<typeof followUpReportInputSchema>;

export const publicSummaryReviewInputSchema = z.object({
  activity_id: idField('activity_id'),
  decision: enumField('decision', ['approve', 'withdraw'] as const),
});

export const pledgePublicTextReviewInputSchema = z.object({
  pledge_id: idField('pledge_id'),
  decision: enumField('decision', ['approve', 'withdraw'] as const),
});

export const focusAreaPublicTextReviewInputSchema = z.object({
  focus_area_id: idField('focus_area_id'),
  decision: enumField('decision', ['approve', 'withdraw'] as const),
});

export const activityStatusInputSchema = z.object({
  activity_id: idField('activity_id'),
  status: enumField('status', ['ongoing', 'done', 'cancelled'] as const),
});

export const quarterQuerySchema = z.object({ quarter: quarterField('quarter') });
