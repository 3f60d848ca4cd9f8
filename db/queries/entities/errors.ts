// Errors the entity queries throw on purpose; the API wrapper maps them (404 and 400).

/** No row with this id in this municipality (a row of another tenant is "not found" too). */
export class NotFoundError extends Error {
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly municipalityCode?: string,
  ) {
    super(`${entity} ${id} was not found${municipalityCode ? ` in municipality ${municipalityCode}` : ''}`);
    this.name = 'NotFoundError';
  }
}

/** An input field points at a row that does not exist in the same municipality. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly field: string,
    readonly entity: string,
    readonly id: string,
    readonly municipalityCode: string,
  ) {
    super(`${field}: ${entity} ${id} does not exist in municipality ${municipalityCode}`);
    this.name = 'InvalidReferenceError';
  }
}
