import 'server-only';
import { describeInputError, requireAnalysisViewer } from '@/lib/server/analysis/analysis-access';
import { getDefaultMunicipalityCode } from '@/lib/server/situation/get-staff-context';
import { errorResponse, handleRoute } from '../../../_lib/handle-route';

type Access = Awaited<ReturnType<typeof requireAnalysisViewer>>;

/**
 * The analysis routes' wrapper: the signed-in viewer of the staff municipality is checked first (401/403
 * before any body is read), then `run`; a reference to another tenant's row or a refused constraint is a
 * 400 naming the field.
 */
export function handleAnalysisRoute(action: 'read' | 'create', run: (access: Access) => Promise<Response>): Promise<Response> {
  return handleRoute(async () => {
    const access = await requireAnalysisViewer(getDefaultMunicipalityCode(), action);
    try {
      return await run(access);
    } catch (err) {
      const input = describeInputError(err);
      if (input) return errorResponse(400, input.code, input.message, input.field ? [{ path: [input.field], message: input.message }] : undefined);
      throw err;
    }
  });
}

export const noStore = { 'cache-control': 'no-store' };
