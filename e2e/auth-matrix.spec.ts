// The authorisation matrix: every route handler and page, found on the file system, with the expected
// answer for each role and for signed-out visitors, called with a real session per role. A route or
// page missing from the table fails; so does a server action missing from ACTIONS (they are listed
// with the check they make; their behaviour is covered by the sign-in and admin journeys).
import fs from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect, request, test } from '@playwright/test';

type Audience = 'signed-out' | 'admin' | 'police' | 'municipality' | 'partner' | 'council';
/** A status, or 'signin': a redirect to the sign-in page, or 'redirect': any other redirect. */
type Outcome = number | 'signin' | 'redirect';

const AUDIENCES: Audience[] = ['signed-out', 'admin', 'police', 'municipality', 'partner', 'council'];
const Q = 'municipality=0683&from=2025-01-01&to=2025-12-31';

/** A lasso around Värnamo's centre with the e2e period (POST body of the selection routes). */
const LASSO = {
  polygon: { type: 'Polygon', coordinates: [[[14.03, 57.17], [14.07, 57.17], [14.07, 57.2], [14.03, 57.2], [14.03, 57.17]]] },
  filters: { municipality: '0683', from: '2025-01-01', to: '2025-12-31' },
};

const all = (o: Outcome): Record<Audience, Outcome> => Object.fromEntries(AUDIENCES.map((a) => [a, o])) as Record<Audience, Outcome>;
const staffPage: Record<Audience, Outcome> = { ...all(200), 'signed-out': 'signin' };
const adminPage: Record<Audience, Outcome> = { ...all(404), 'signed-out': 'signin', admin: 200 };
const loopApi: Record<Audience, Outcome> = { ...all(200), 'signed-out': 401, admin: 403 };
const loopPage: Record<Audience, Outcome> = { ...all(200), 'signed-out': 'signin', admin: 404 };
/** Capture and walk mode: the roles that may create records (police, municipality, partner); others "not found". */
const capturePage: Record<Audience, Outcome> = { 'signed-out': 'signin', admin: 404, council: 404, police: 200, municipality: 200, partner: 200 };
/** A walk id that exists nowhere: the page answers "not found" to every role and sends signed-out visitors to sign-in. */
const NO_WALK = '00000000-0000-4000-8000-000000000000';
const exactData: Record<Audience, Outcome> = { 'signed-out': 401, admin: 403, council: 403, police: 200, municipality: 200, partner: 200 };
// The council dashboard and report: council and the EST group ('report' in the permission table).
const councilPage: Record<Audience, Outcome> = { 'signed-out': 'signin', admin: 404, police: 200, municipality: 200, partner: 404, council: 200 };
const councilData: Record<Audience, Outcome> = { 'signed-out': 401, admin: 403, police: 200, municipality: 200, partner: 403, council: 200 };

/** Every route file and page (path relative to app/) → the URL called and the outcome per audience. */
/** Analysis (issue 6): police and municipality only; the pages answer 404 to roles without the analysis permission. */
const analysisPage: Record<Audience, Outcome> = { ...all(404), 'signed-out': 'signin', police: 200, municipality: 200 };
/** Analysis routes with input every analyst gets refused (400): nothing runs, nothing is saved. */
const analysisInvalid: Record<Audience, Outcome> = { 'signed-out': 401, admin: 403, council: 403, partner: 403, police: 400, municipality: 400 };
const NO_RUN = '00000000-0000-4000-8000-000000000000';

const MATRIX: Record<string, { url: string; expect: Record<Audience, Outcome>; post?: unknown; patch?: unknown }> = {
  '(staff)/analys/page.tsx': { url: '/analys', expect: analysisPage },
  '(staff)/analys/jamfor/page.tsx': { url: '/analys/jamfor', expect: analysisPage },
  '(staff)/analys/korningar/[id]/page.tsx': { url: `/analys/korningar/${NO_RUN}`, expect: { ...all(404), 'signed-out': 'signin' } },
  'api/v1/analysis/jobs/route.ts': { url: '/api/v1/analysis/jobs', post: { municipality: '0683', method: 'no-such-method' }, expect: analysisInvalid },
  'api/v1/analysis/jobs/[id]/route.ts': { url: `/api/v1/analysis/jobs/${NO_RUN}`, expect: { ...analysisInvalid, police: 404, municipality: 404 } },
  'api/v1/analysis/runs/route.ts': { url: '/api/v1/analysis/runs', post: { job_id: '', title: '' }, expect: analysisInvalid },
  'api/v1/analysis/runs/[id]/notes/route.ts': { url: `/api/v1/analysis/runs/${NO_RUN}/notes`, post: { meeting_id: 'x' }, expect: analysisInvalid },
  'api/v1/analysis/runs/[id]/priorities/route.ts': { url: `/api/v1/analysis/runs/${NO_RUN}/priorities`, post: { source: 'no-such-source' }, expect: analysisInvalid },
  'api/v1/analysis/focus-areas/route.ts': { url: '/api/v1/analysis/focus-areas', post: { priority_run_id: '' }, expect: analysisInvalid },
  'api/v1/analysis/defaults/route.ts': { url: '/api/v1/analysis/defaults?from=not-a-date', expect: analysisInvalid },
  '(public)/page.tsx': { url: '/', expect: all(200) },
  'api/public/pledges/route.ts': { url: '/api/public/pledges', expect: all(200) },
  'api/public/figures/route.ts': { url: '/api/public/figures', expect: all(200) },
  'api/public/reports/route.ts': { url: '/api/public/reports', expect: all(200) },
  '(public)/rapportera/page.tsx': { url: '/rapportera', expect: all(200) },
  // An unknown status token: 404 for everyone (a real one is followed in e2e/public-citizen.spec.ts).
  '(public)/rapportstatus/[token]/page.tsx': { url: '/rapportstatus/AAAAAAAAAAAAAAAAAAAAAAAA', expect: all(404) },
  'api/public/citizen-reports/[token]/route.ts': { url: '/api/public/citizen-reports/AAAAAAAAAAAAAAAAAAAAAAAA', expect: all(404) },
  // A JSON body is not a report form: refused before anything is stored, for everyone.
  'api/public/citizen-reports/route.ts': { url: '/api/public/citizen-reports', post: {}, expect: all(415) },
  '(staff)/medborgarrapporter/page.tsx': { url: '/medborgarrapporter', expect: { 'signed-out': 'signin', police: 200, municipality: 200, partner: 404, council: 404, admin: 404 } },
  '(staff)/medborgarrapporter/foto/[id]/route.ts': {
    url: '/medborgarrapporter/foto/00000000-0000-4000-8000-000000000000',
    expect: { 'signed-out': 401, police: 404, municipality: 404, partner: 403, council: 403, admin: 403 },
  },
  '(staff)/karta/page.tsx': { url: '/karta', expect: staffPage },
  '(staff)/admin/page.tsx': { url: '/admin', expect: adminPage },
  '(staff)/registrera/page.tsx': { url: '/registrera', expect: capturePage },
  '(staff)/vandringar/page.tsx': { url: '/vandringar', expect: capturePage },
  '(staff)/vandringar/[id]/page.tsx': { url: `/vandringar/${NO_WALK}`, expect: { ...all(404), 'signed-out': 'signin' } },
  '(staff)/vandringar/[id]/protokoll/page.tsx': { url: `/vandringar/${NO_WALK}/protokoll`, expect: { ...all(404), 'signed-out': 'signin' } },
  '(staff)/admin/anvandare/page.tsx': { url: '/admin/anvandare', expect: adminPage },
  '(staff)/admin/organisationer/page.tsx': { url: '/admin/organisationer', expect: adminPage },
  '(staff)/admin/logg/page.tsx': { url: '/admin/logg', expect: adminPage },
  '(staff)/admin/publicering/page.tsx': { url: '/admin/publicering', expect: adminPage },
  '(staff)/karta/post/[kind]/[id]/page.tsx': { url: '/karta/post/incident/00000000-0000-4000-8000-000000000000', expect: { ...all(404), 'signed-out': 'signin' } },
  '(auth)/logga-in/page.tsx': { url: '/logga-in', expect: all(200) },
  '(auth)/logga-in/tvastegs/page.tsx': { url: '/logga-in/tvastegs', expect: all(200) },
  '(auth)/logga-in/tvastegs/aktivera/page.tsx': { url: '/logga-in/tvastegs/aktivera', expect: { ...all(200), 'signed-out': 'signin' } },
  'api/auth/[...all]/route.ts': { url: '/api/auth/get-session', expect: all(200) },
  'api/health/route.ts': { url: '/api/health', expect: all(200) },
  'sprak/route.ts': { url: '/sprak?lang=en&next=%2Fkarta', expect: all('redirect') },
  'api/v1/incidents/points/route.ts': { url: `/api/v1/incidents/points?${Q}`, expect: exactData },
  'api/v1/incidents/points/[seq]/route.ts': { url: '/api/v1/incidents/points/999999999999', expect: { ...all(404), 'signed-out': 401 } },
  'api/v1/situation/points/route.ts': { url: `/api/v1/situation/points?${Q}`, expect: exactData },
  'api/v1/situation/hour-weekday/route.ts': { url: `/api/v1/situation/hour-weekday?${Q}`, expect: exactData },
  'api/v1/situation/trend/route.ts': { url: `/api/v1/situation/trend?${Q}`, expect: exactData },
  'api/v1/situation/unsafe-places/route.ts': { url: `/api/v1/situation/unsafe-places?${Q}`, expect: exactData },
  'api/v1/situation/vandalism/route.ts': { url: `/api/v1/situation/vandalism?${Q}`, expect: exactData },
  // A record by id: a nonexistent id answers every signed-in audience exactly like a hidden record (404);
  // which real records each role sees is proven in lib/server/records/record-detail.int.test.ts.
  'api/v1/records/[kind]/[id]/route.ts': { url: '/api/v1/records/incident/00000000-0000-4000-8000-000000000000', expect: { ...all(404), 'signed-out': 401 } },
  'api/v1/selection/route.ts': { url: '/api/v1/selection', post: LASSO, expect: exactData },
  '(staff)/import/page.tsx': { url: '/import', expect: { ...all(404), 'signed-out': 'signin', police: 200, municipality: 200, partner: 200 } },
  'api/v1/import/route.ts': { url: '/api/v1/import', expect: exactData },
  'api/v1/dialogue-summaries/route.ts': {
    url: '/api/v1/dialogue-summaries?area=00000000-0000-4000-8000-000000000000',
    expect: { 'signed-out': 401, admin: 403, council: 403, partner: 403, police: 200, municipality: 200 },
  },
  // Correcting a dialogue summary: the roles that may add one; an empty body is refused (400) before any lookup.
  'api/v1/dialogue-summaries/[id]/route.ts': {
    url: '/api/v1/dialogue-summaries/00000000-0000-4000-8000-000000000000',
    patch: {},
    expect: { 'signed-out': 401, admin: 403, council: 403, partner: 403, police: 400, municipality: 400 },
  },
  '(staff)/import/dialog/[id]/page.tsx': { url: '/import/dialog/00000000-0000-4000-8000-000000000000', expect: { ...all(404), 'signed-out': 'signin' } },
  // Police events feed (issue 5): staff read it (EST group and partners); the EST group imports it.
  '(staff)/handelser/page.tsx': { url: '/handelser?from=2025-01-01&to=2025-12-31', expect: { ...all(404), 'signed-out': 'signin', police: 200, municipality: 200, partner: 200 } },
  'api/v1/import/police-feed/route.ts': { url: '/api/v1/import/police-feed', post: {}, expect: { ...exactData, partner: 403, police: 400, municipality: 400 } },
  'api/v1/export/[kind]/route.ts': { url: `/api/v1/export/incidents?${Q}&format=csv`, expect: { ...exactData, partner: 403 } },
  'api/v1/selection/export/route.ts': { url: '/api/v1/selection/export', post: { ...LASSO, format: 'csv' }, expect: { ...exactData, partner: 403 } },
  'api/v1/situation/areas/[id]/route.ts': { url: `/api/v1/situation/areas/00000000-0000-4000-8000-000000000000?${Q}`, expect: { ...all(404), 'signed-out': 401, admin: 403 } },
  'api/v1/aggregates/hex/route.ts': { url: `/api/v1/aggregates/hex?${Q}`, expect: { ...all(200), 'signed-out': 401, admin: 403 } },
  // Exact counts per hexagon (the staff map below street zoom): whoever may read points, over what they see.
  'api/v1/aggregates/exact/route.ts': { url: `/api/v1/aggregates/exact?${Q}&cell=500`, expect: exactData },
  // Council loop (issue 7): the EST group, partners and the council read; admin holds none of these grants.
  '(staff)/loften/page.tsx': { url: '/loften', expect: loopPage },
  '(staff)/fokusomraden/page.tsx': { url: '/fokusomraden', expect: loopPage },
  '(staff)/aktiviteter/page.tsx': { url: '/aktiviteter', expect: loopPage },
  '(staff)/aktiviteter/[id]/page.tsx': { url: '/aktiviteter/00000000-0000-4000-8000-000000000000', expect: { ...all(404), 'signed-out': 'signin' } },
  '(staff)/uppfoljning/page.tsx': { url: '/uppfoljning?kvartal=2026-Q3', expect: loopPage },
  '(staff)/rad/page.tsx': { url: '/rad', expect: councilPage },
  '(staff)/rapport/page.tsx': { url: '/rapport', expect: councilPage },
  'api/v1/council/dashboard/route.ts': { url: '/api/v1/council/dashboard', expect: councilData },
  'api/v1/council/csv/route.ts': { url: '/api/v1/council/csv?chart=pledges', expect: councilData },
  '(staff)/notiser/page.tsx': { url: '/notiser', expect: staffPage },
  '(staff)/motesplan/page.tsx': { url: '/motesplan?ar=2025', expect: { ...loopPage, admin: 200, partner: 404, council: 404 } },
  '(staff)/motesplan/aterkoppling/page.tsx': { url: '/motesplan/aterkoppling?mote=00000000-0000-4000-8000-000000000000', expect: { ...all(404), 'signed-out': 'signin' } },
  '(staff)/motesplan/aterkoppling/csv/route.ts': { url: '/motesplan/aterkoppling/csv?mote=00000000-0000-4000-8000-000000000000', expect: { ...all(403), 'signed-out': 401, police: 404, municipality: 404 } },
  'api/v1/pledges/route.ts': { url: '/api/v1/pledges?year=2025', expect: loopApi },
  'api/v1/activities/route.ts': { url: '/api/v1/activities', expect: loopApi },
  'api/v1/activities/[id]/decision/route.ts': { url: '/api/v1/activities/00000000-0000-4000-8000-000000000000/decision', post: {}, expect: { ...loopApi, partner: 403, council: 403, police: 400, municipality: 400 } },
  'api/v1/follow-ups/route.ts': { url: '/api/v1/follow-ups?quarter=2025-Q3', expect: loopApi },
  'api/v1/notifications/route.ts': { url: '/api/v1/notifications', expect: { ...all(200), 'signed-out': 401 } },
  'api/v1/admin/audit/export/route.ts': { url: '/api/v1/admin/audit/export?action=sign_in', expect: { ...all(403), 'signed-out': 401, admin: 200 } },
};

/** What a server action answered: where its redirect went, or the status when it did not redirect. */
type ActionOutcome = 'signin' | 'refused' | 'done' | number;

interface ActionEntry {
  /** The check it makes before it changes anything. */
  check: string;
  /** Form fields sent: chosen so that even an allowed caller changes nothing (invalid input, or a no-op). */
  form: Record<string, string>;
  expect: Record<Audience, ActionOutcome>;
}

/** Council-loop actions: signed out to sign-in; everyone else back with an error (role refused or input invalid). */
const loopAction: Record<Audience, ActionOutcome> = { ...(all('refused' as never) as Record<Audience, ActionOutcome>), 'signed-out': 'signin' };
const admins = (o: ActionOutcome): Record<Audience, ActionOutcome> => ({ ...all('signin' as never), admin: o }) as Record<Audience, ActionOutcome>;

/**
 * Every server action (file#export), called through the no-JavaScript form path with a real session per
 * role. 'signin': sent to sign-in; 'refused': back with an error (fel=); 'done': back without one.
 */
const ACTIONS: Record<string, ActionEntry> = {
  '(auth)/logga-in/actions.ts#signInAction': { check: 'public: throttled password sign-in', form: { email: 'nobody@matrix.example', password: 'wrong-password', next: '/karta' }, expect: all('signin' as never) as Record<Audience, ActionOutcome> },
  '(auth)/logga-in/actions.ts#verifyCodeAction': { check: 'pending two-factor cookie', form: { code: '000000' }, expect: all('signin' as never) as Record<Audience, ActionOutcome> },
  '(auth)/logga-in/actions.ts#enrolmentAction': { check: 'session + password again', form: { password: 'wrong-password' }, expect: all(200 as never) as Record<Audience, ActionOutcome> },
  '(auth)/logga-in/actions.ts#signOutAction': { check: 'session (none: no effect)', form: {}, expect: all('signin' as never) as Record<Audience, ActionOutcome> },
  '(auth)/logga-in/actions.ts#oidcSignInAction': { check: 'public: starts the provider redirect', form: { provider: 'no-such-provider', next: '/karta' }, expect: all('signin' as never) as Record<Audience, ActionOutcome> },
  '(auth)/logga-in/actions.ts#setMeetingModeAction': { check: 'narrows only (cookie); audited when signed in', form: { on: '0', next: '/karta' }, expect: all('done' as never) as Record<Audience, ActionOutcome> },
  '(staff)/admin/actions.ts#createUserAction': { check: 'admin in the membership municipality', form: { email: 'not-an-email', name: '', municipality_code: '0683', role: 'police' }, expect: admins('refused') },
  '(staff)/admin/actions.ts#grantRoleAction': { check: 'admin in the municipality', form: { email: 'nobody@matrix.example', municipality_code: '0683', role: 'police' }, expect: admins('refused') },
  '(staff)/admin/actions.ts#revokeRoleAction': { check: 'admin in the municipality', form: { email: 'nobody@matrix.example', municipality_code: '0683', role: 'police' }, expect: admins('refused') },
  '(staff)/admin/actions.ts#resetPasswordAction': { check: 'admin of a municipality where the user holds a role', form: { email: 'nobody@matrix.example', password: 'x' }, expect: admins('refused') },
  '(staff)/admin/actions.ts#setDisabledAction': { check: 'admin of a municipality where the user holds a role; not oneself', form: { email: 'nobody@matrix.example', disabled: '1' }, expect: admins('refused') },
  '(staff)/admin/actions.ts#createOrganisationAction': { check: 'admin in the municipality', form: { municipality_code: '0683', name: '', kind: 'no-such-kind' }, expect: admins('refused') },
  '(staff)/admin/publicering/actions.ts#publishQuarterAction': { check: 'admin in the municipality; the disclosure audit must pass', form: { municipality_code: '0683', quarter: 'not-a-quarter', audience: 'public' }, expect: admins('refused') },
  '(staff)/karta/post/[kind]/[id]/actions.ts#updateRecordAction': { check: 'session; update grant + exact access in SQL (partners: own organisation)', form: { kind: 'incident', id: '00000000-0000-4000-8000-000000000000', description: 'x' }, expect: { ...(all('refused' as never) as Record<Audience, ActionOutcome>), 'signed-out': 'signin' } },
  '(staff)/loften/actions.ts#createPledgeAction': { check: 'pledge create (EST group)', form: { year: 'x', title: '' }, expect: loopAction },
  '(staff)/loften/actions.ts#createFocusAreaAction': { check: 'focus_area create (EST group)', form: { name: '', geom: 'not json' }, expect: loopAction },
  '(staff)/loften/actions.ts#updatePledgeAction': { check: 'pledge update (EST group); references in the tenant; audited before/after', form: { pledge_id: 'x', title: '' }, expect: loopAction },
  '(staff)/loften/actions.ts#reviewPledgeTextAction': { check: 'pledge update (EST group moderates the public title and summary); audited', form: { pledge_id: 'x', decision: 'approve' }, expect: loopAction },
  '(staff)/loften/actions.ts#reviewFocusAreaTextAction': { check: 'focus_area update (EST group moderates the public name and summary); audited', form: { focus_area_id: 'x', decision: 'approve' }, expect: loopAction },
  '(staff)/loften/actions.ts#updateFocusAreaAction': { check: 'focus_area update (EST group); outline kept, redrawn or copied; audited before/after', form: { focus_area_id: 'x', name: '' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#proposeActivityAction': { check: 'activity create (EST group); always proposed', form: { title: '' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#recordDecisionAction': { check: 'activity update (EST group records the council decision)', form: { activity_id: 'x' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#reportFollowUpAction': { check: 'follow_up create; a partner only on its own activities (SQL)', form: { activity_id: 'x', quarter: 'bad' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#reviewSummaryAction': { check: 'activity update (moderation)', form: { activity_id: 'x', decision: 'approve' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#updateSummaryAction': { check: 'activity update; text goes back to review', form: { activity_id: 'x' }, expect: loopAction },
  '(staff)/motesplan/actions.ts#saveCadenceAction': { check: 'setting or est_meeting update (admin, EST group)', form: { analysis_meetings_per_year: '0' }, expect: loopAction },
  '(staff)/motesplan/actions.ts#planMeetingAction': { check: 'est_meeting create (EST group)', form: { held_on: 'x', kind: 'analysis' }, expect: loopAction },
  '(staff)/notiser/actions.ts#markReadAction': { check: 'session; only the user’s own notifications (SQL)', form: { id: 'not-a-uuid' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#updateActivityAction': { check: 'activity update (EST group); references in the tenant', form: { activity_id: 'x', title: '' }, expect: loopAction },
  '(staff)/aktiviteter/actions.ts#setStatusAction': { check: 'activity update; only decided→ongoing→done/cancelled', form: { activity_id: 'x', status: 'done' }, expect: loopAction },
  '(staff)/medborgarrapporter/actions.ts#moderateReportAction': {
    check: 'update citizen_report (police, municipality); decision validated',
    form: { decision: 'reject', report_id: 'not-a-report', rejection_reason: '' },
    expect: { ...(all('refused' as never) as Record<Audience, ActionOutcome>), 'signed-out': 'signin' },
  },
  '(staff)/admin/actions.ts#verifyAuditAction': { check: 'admin', form: {}, expect: admins('done') },
  '(staff)/registrera/actions.ts#saveCaptureAction': { check: 'create on the kind\'s resource; exact access for the duplicate check', form: { kind: 'incident' }, expect: { 'signed-out': 'signin', admin: 404, council: 404, police: 200, municipality: 200, partner: 200 } },
  '(staff)/registrera/actions.ts#confirmCaptureAction': { check: 'create on the kind\'s resource; the record visible exactly', form: { kind: 'incident', record_id: 'not-a-uuid' }, expect: { 'signed-out': 'signin', admin: 404, council: 404, police: 200, municipality: 200, partner: 200 } },
  '(staff)/vandringar/actions.ts#createWalkAction': { check: 'create unsafe_place', form: { title: '', walked_on: 'not-a-date' }, expect: { ...all('refused' as never), 'signed-out': 'signin' } as Record<Audience, ActionOutcome> },
  '(staff)/vandringar/actions.ts#addWalkObservationAction': { check: 'create unsafe_place; the walk in the municipality', form: { walk_id: 'not-a-uuid' }, expect: { ...all(404 as never), 'signed-out': 'signin' } as Record<Audience, ActionOutcome> },
};

const DEMO: Record<Exclude<Audience, 'signed-out'>, { email: string; password: string; orgKind: string | null }> = {
  admin: { email: 'admin@demo.lagesbild.example', password: 'demo-admin-0683', orgKind: null },
  police: { email: 'polis@demo.lagesbild.example', password: 'demo-polis-0683', orgKind: 'police' },
  municipality: { email: 'kommun@demo.lagesbild.example', password: 'demo-kommun-0683', orgKind: 'municipality' },
  partner: { email: 'partner@demo.lagesbild.example', password: 'demo-partner-0683', orgKind: 'housing' },
  council: { email: 'bra@demo.lagesbild.example', password: 'demo-bra-0683', orgKind: null },
};

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const APP = path.resolve('app');
const files = walk(APP).map((f) => path.relative(APP, f).split(path.sep).join('/'));

test('every route handler and page is in the matrix, and nothing else', () => {
  const found = files.filter((f) => /(^|\/)(route\.ts|page\.tsx)$/.test(f)).sort();
  expect(found).toEqual(Object.keys(MATRIX).sort());
});

test('every server action is listed with the check it makes', () => {
  const found: string[] = [];
  for (const f of files.filter((x) => /\.tsx?$/.test(x))) {
    const text = fs.readFileSync(path.join(APP, f), 'utf8');
    if (!/^\s*['"]use server['"]/.test(text)) continue;
    for (const m of text.matchAll(/export async function (\w+)/g)) found.push(`${f}#${m[1]}`);
  }
  expect(found.sort()).toEqual(Object.keys(ACTIONS).sort());
});

test.describe('with a real session per role', () => {
  const contexts = new Map<Audience, APIRequestContext>();

  test.beforeAll(async ({ baseURL }) => {
    // The demo users exist on every e2e server (e2e/support/prepare-database.ts).
    for (const audience of AUDIENCES) {
      const ctx = await request.newContext({ baseURL });
      if (audience !== 'signed-out') {
        const u = DEMO[audience];
        const res = await ctx.post('/api/auth/sign-in/email', { data: { email: u.email, password: u.password }, headers: { origin: baseURL! } });
        expect(res.status(), `sign-in as ${audience}`).toBe(200);
      }
      contexts.set(audience, ctx);
    }
  });

  test.afterAll(async () => {
    for (const ctx of contexts.values()) await ctx.dispose();
  });

  for (const [file, entry] of Object.entries(MATRIX)) {
    test(`${entry.url} (${file}) answers each role as the matrix says`, async () => {
      const got: Record<string, Outcome> = {};
      for (const audience of AUDIENCES) {
        const ctx = contexts.get(audience)!;
        const res =
          entry.patch !== undefined
            ? await ctx.patch(entry.url, { data: entry.patch, maxRedirects: 0 })
            : entry.post === undefined
              ? await ctx.get(entry.url, { maxRedirects: 0 })
              : await ctx.post(entry.url, { data: entry.post, maxRedirects: 0 });
        const location = res.headers().location ?? '';
        got[audience] = res.status() >= 300 && res.status() < 400 ? (location.includes('/logga-in') ? 'signin' : 'redirect') : res.status();
      }
      expect(got).toEqual(entry.expect);
    });
  }

  // Server actions through the form path a browser without JavaScript uses: `$ACTION_ID_<id>` names the
  // action (ids from the build's server-reference manifest), posted to a page that imports it.
  const manifest = JSON.parse(fs.readFileSync(path.resolve('.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const pageUrl = (worker: string) => worker.replace(/^app/, '').replace(/\/\([^)]+\)/g, '').replace(/\/page$/, '') || '/';

  for (const [key, entry] of Object.entries(ACTIONS)) {
    test(`server action ${key} answers each role as the matrix says`, async ({ baseURL }) => {
      const [file, name] = key.split('#');
      const found = Object.entries(manifest.node).find(([, v]) => v.filename === `app/${file}` && v.exportedName === name);
      expect(found, `${key} in the build's server-reference manifest`).toBeTruthy();
      const [id, ref] = found!;
      const url = pageUrl(Object.keys(ref.workers)[0]);
      const got: Record<string, ActionOutcome> = {};
      for (const audience of AUDIENCES) {
        // A fresh session per call: sign-out and meeting mode change the session they run in.
        const ctx = await request.newContext({ baseURL });
        try {
          if (audience !== 'signed-out') {
            const u = DEMO[audience];
            const signIn = await ctx.post('/api/auth/sign-in/email', { data: { email: u.email, password: u.password }, headers: { origin: baseURL! } });
            expect(signIn.status(), `sign-in as ${audience}`).toBe(200);
          }
          const res = await ctx.post(url, { multipart: { [`$ACTION_ID_${id}`]: '', ...entry.form }, headers: { origin: baseURL! }, maxRedirects: 0 });
          const location = res.headers().location ?? '';
          got[audience] =
            res.status() >= 300 && res.status() < 400
              ? location.includes('/logga-in')
                ? 'signin'
                : location.includes('fel=')
                  ? 'refused'
                  : 'done'
              : res.status();
        } finally {
          await ctx.dispose();
        }
      }
      expect(got).toEqual(entry.expect);
    });
  }
});
