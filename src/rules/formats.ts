/**
 * Checks the order-taking doc does not state, made the way a French operator's back office
 * would. Each returns a reason when the value is not acceptable, or `undefined`.
 */

/** A French postcode: five digits (departments 01–95, overseas 97–98). */
export function postcodeProblem(value: string): string | undefined {
  return /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/.test(value)
    ? undefined
    : 'a French postcode is five digits, e.g. 76130';
}

/**
 * An INSEE commune code: five characters, the department then the commune: `2A`/`2B` for
 * Corsica, `97x` for the overseas departments, digits otherwise.
 */
export function inseeCodeProblem(value: string): string | undefined {
  return /^(?:(?:0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5])\d{3}|2[AB]\d{3}|97[1-8]\d{2}|98[4-9]\d{2})$/.test(
    value,
  )
    ? undefined
    : 'an INSEE code is five characters: the department (01–95, 2A/2B for Corsica, 97x overseas) then the commune';
}

/**
 * A French phone number: `0` then nine digits, or `+33` / `0033` then nine digits (without the
 * leading 0); spaces, dots and dashes between digits are allowed.
 */
export function phoneNumberProblem(value: string): string | undefined {
  const compact = value.replace(/[\s.-]/g, '');
  return /^(?:0|\+33|0033)[1-9]\d{8}$/.test(compact)
    ? undefined
    : 'a French phone number is 0X XX XX XX XX or +33 X XX XX XX XX';
}

/** An e-mail address: one `@`, a local part, and a dotted domain. */
export function emailProblem(value: string): string | undefined {
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value) && value.length <= 254
    ? undefined
    : 'not an e-mail address';
}

export function latitudeProblem(value: number): string | undefined {
  return Number.isFinite(value) && value >= -90 && value <= 90
    ? undefined
    : 'a latitude is between -90 and 90';
}

export function longitudeProblem(value: number): string | undefined {
  return Number.isFinite(value) && value >= -180 && value <= 180
    ? undefined
    : 'a longitude is between -180 and 180';
}
