/** What every rule receives: where to report, the resolved environment and the run's mode. */
import type { EnvRecord } from '../env.ts';
import type { Reporter } from '../report.ts';

export interface RuleContext {
  report: Reporter;
  env: EnvRecord;
  /** NODE_ENV (or the `--mode` override), default `development`. */
  nodeEnv: string;
  production: boolean;
  /** `--allow-live`: live provider mode outside NODE_ENV=production is accepted. */
  allowLive: boolean;
}
