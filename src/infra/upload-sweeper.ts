import type { AppContext } from '../app/common/context.ts';
import { sweepUploads } from '../app/ballots/sweep-uploads.ts';
import { every, type Loop } from './every.ts';

/**
 * Sweeps abandoned uploads in parts (app/ballots/sweep-uploads.ts) every `intervalMs`, one round at
 * a time, until stopped; several processes may do it side by side (a deletion twice is none).
 */
export function startUploadSweeper(ctx: AppContext, opts: { intervalMs: number }): Loop {
  return every(ctx, opts.intervalMs, 'abandoned uploads could not be swept', async () => {
    const swept = await sweepUploads(ctx);
    if (swept > 0) ctx.log.info('abandoned uploads swept', { uploads: swept });
  });
}
