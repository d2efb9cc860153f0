/** What `init` did with one file, for the "wrote / skipped" summary. */
export interface InitAction {
  path: string;
  action: 'wrote' | 'appended' | 'skipped';
  detail: string;
}

export interface InitOptions {
  /** Target directory (absolute). */
  dir: string;
  /** Spec to read `${VAR}`s from and to give a starter block (absolute); undefined = discover, none = skip. */
  spec?: string;
  force: boolean;
  now?: Date;
}
