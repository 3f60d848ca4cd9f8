import 'server-only';

/** A publication was refused (open or too recent quarter, failed audit, …); the message says why and what to do. */
export class PublicationRefusedError extends Error {
  constructor(
    message: string,
    /** The figures that would leak, when the audit refused. */
    readonly leakingFigures: readonly string[] = [],
  ) {
    super(message);
    this.name = 'PublicationRefusedError';
  }
}
