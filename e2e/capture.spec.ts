// Capture by clicking the map (issue 5): one incident, one unsafe place and one vandalism report, each
// placed by a click on the map; a second report at the same spot warns of a likely duplicate and can be
// linked to the existing one; a pin outside the municipality is refused with a clear error.
import { type Page, expect, test } from '@playwright/test';
import { signInAs } from './support/sign-in';

/** Spots in Värnamo town, a few hundred metres apart (the demo data ends 2026-01-01: nothing within 30 days). */
const SPOTS = {
  incident: { lat: 57.1858, lng: 14.0402 },
  unsafe: { lat: 57.1822, lng: 14.0455 },
  vandalism: { lat: 57.1796, lng: 14.0512 },
};

async function openAt(page: Page, spot: { lat: number; lng: number }) {
  await page.goto(`/registrera?lat=${spot.lat}&lng=${spot.lng}&zoom=17`);
  await page.waitForFunction(() => window.__lagesbildCapture?.mapLoaded === true, undefined, { timeout: 90_000 });
}

/** Clicks the middle of the map: the pin lands on the URL's spot. */
async function clickMapCentre(page: Page) {
  const box = (await page.getByTestId('capture-map').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('pin-status')).not.toHaveText(/Ingen plats/);
  return (await page.evaluate(() => window.__lagesbildCapture?.pin))!;
}

test('a police user creates one of each kind by clicking the map, and a second one at the same spot warns of a duplicate', async ({ page, baseURL }) => {
  await signInAs(page, 'police', baseURL!);

  // Incident
  await openAt(page, SPOTS.incident);
  const pin = await clickMapCentre(page);
  expect(Math.abs(pin.lat - SPOTS.incident.lat)).toBeLessThan(0.0002);
  expect(Math.abs(pin.lon - SPOTS.incident.lng)).toBeLessThan(0.0002);
  await page.getByTestId('kind-incident').check();
  await page.getByTestId('field-category').selectOption('assault');
  await page.getByTestId('field-description').fill('e2e: bråk utanför entrén');
  await page.getByTestId('capture-save').click();
  await expect(page.getByTestId('capture-success')).toBeVisible();
  await expect(page.getByTestId('capture-success')).toHaveAttribute('data-kind', 'incident');
  const incidentId = await page.getByTestId('capture-success').getAttribute('data-id');

  // The same again at the same spot: the warning names the first one and offers to link instead.
  await page.getByTestId('capture-another').click();
  await clickMapCentre(page);
  await page.getByTestId('field-category').selectOption('assault');
  await page.getByTestId('capture-save').click();
  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toBeVisible();
  await expect(warning.getByTestId('duplicate-candidate')).toHaveCount(1);
  await expect(warning.getByTestId('duplicate-candidate')).toContainText('Misshandel');
  await warning.getByTestId('link-existing').click();
  await expect(page.getByTestId('capture-success')).toHaveAttribute('data-id', incidentId!);

  // Unsafe place
  await openAt(page, SPOTS.unsafe);
  await clickMapCentre(page);
  await page.getByTestId('kind-unsafe_place').check();
  await page.getByTestId('capture-save').click();
  // Nothing filled in: the form names the missing fields.
  await expect(page.getByTestId('error-title')).toBeVisible();
  await expect(page.getByTestId('error-reasons')).toBeVisible();
  await page.getByTestId('field-title').fill('e2e: mörk gångväg');
  await page.getByTestId('reason-poor_lighting').check();
  await page.getByTestId('reason-vegetation').check();
  await page.getByTestId('field-measure').fill('Gallra buskar, ny belysning');
  await page.getByTestId('capture-save').click();
  await expect(page.getByTestId('capture-success')).toHaveAttribute('data-kind', 'unsafe_place');
  // The saved record opens on its record page.
  const placeId = await page.getByTestId('capture-success').getAttribute('data-id');
  await page.getByTestId('capture-success').getByRole('link').click();
  await expect(page.getByTestId('record-page')).toHaveAttribute('data-record-id', placeId!);

  // Vandalism: offensive graffiti shows its 24-hour cleanup target before and after saving.
  await openAt(page, SPOTS.vandalism);
  await clickMapCentre(page);
  await page.getByTestId('kind-vandalism').check();
  await page.getByTestId('vandalism-graffiti').check();
  await page.getByTestId('field-offensive').check();
  await expect(page.getByTestId('cleanup-due')).toContainText('24');
  await page.getByTestId('capture-save').click();
  await expect(page.getByTestId('capture-success')).toHaveAttribute('data-kind', 'vandalism');
  await expect(page.getByTestId('saved-due')).toBeVisible();

  // A second graffiti report there: warned, then saved anyway.
  await page.getByTestId('capture-another').click();
  await clickMapCentre(page);
  await page.getByTestId('vandalism-graffiti').check();
  await page.getByTestId('capture-save').click();
  await expect(page.getByTestId('duplicate-warning')).toBeVisible();
  await page.getByTestId('save-anyway').click();
  await expect(page.getByTestId('capture-success')).toHaveAttribute('data-kind', 'vandalism');
});

test('a pin outside the municipality is refused with a clear error, and a partner can report too', async ({ page, baseURL }) => {
  await signInAs(page, 'partner', baseURL!);
  await openAt(page, { lat: 57.1858, lng: 14.0402 });
  // Typed coordinates (the keyboard way): central Stockholm.
  await page.getByTestId('pin-lat').fill('59.3293');
  await page.getByTestId('pin-lon').fill('18.0686');
  await page.getByTestId('pin-lon').blur();
  await page.getByTestId('kind-unsafe_place').check();
  await page.getByTestId('field-title').fill('Utanför');
  await page.getByTestId('reason-litter').check();
  await page.getByTestId('capture-save').click();
  await expect(page.getByTestId('error-lon')).toContainText('utanför kommunen');
  // Partners are offered only normal categories.
  await page.getByTestId('kind-incident').check();
  await expect(page.getByTestId('field-category').locator('option[value="rape"]')).toHaveCount(0);
  await expect(page.getByTestId('field-category').locator('option[value="assault"]')).toHaveCount(1);
});

test('council and admin have no capture page', async ({ page, baseURL }) => {
  await signInAs(page, 'council', baseURL!);
  const res = await page.goto('/registrera');
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId('nav-capture')).toHaveCount(0);
});
