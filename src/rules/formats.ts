/**
 * Checks the order-taking doc does not state, made the way a French operator's back office
 * would. Each returns a reason when the value is not acceptable, or `undefined`.
 */

/**
 * A French postcode: five digits, starting with a metropolitan department (01–95; Corsica's
 * postcodes start with 20), or 97/98 overseas (and Monaco, 98000).
 */
export function postcodeProblem(value: string): string | undefined {
  return /^(?:0[1-9]|[1-8]\d|9[0-5]|97|98)\d{3}$/.test(value)
    ? undefined
    : 'a French postcode is five digits, e.g. 76130';
}

/**
 * An INSEE commune code (code officiel géographique): five characters, the department then the
 * commune number. Departments 01–19 and 21–95 take three commune digits, Corsica `2A`/`2B`
 * too (never `20`); overseas departments and collectivities take three digits (971–978,
 * 984–989) then two. A commune number is never all zeros, which catches a postcode such as
 * 76000 typed in its place.
 */
const INSEE_CODE =
  /^(?:(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])(?!000)\d{3}|(?:97[1-8]|98[4-9])(?!00)\d{2})$/;

export function inseeCodeProblem(value: string): string | undefined {
  return INSEE_CODE.test(value)
    ? undefined
    : 'an INSEE code is five characters: the department (01–95, 2A/2B for Corsica, 971–989 overseas) then the commune number, e.g. 76451';
}

/**
 * A French phone number: `0` then nine digits (the first not 0), or the same nine digits after
 * the international prefix: +33 (metropolitan France), or +262, +590, +594, +596 (overseas
 * departments, which have their own country codes); `+508` (Saint-Pierre-et-Miquelon) takes six
 * digits. `00` may stand for `+`; spaces, dots, dashes and a `(0)` after the country code are
 * allowed.
 */
const PHONE_COMPACT = /^(?:(?:0|\+33|\+262|\+590|\+594|\+596)[1-9]\d{8}|\+508\d{6})$/;
/** The same, as usually written: one separator at most between digits (the fast path). */
const PHONE_WRITTEN =
  /^(?:(?:0|(?:\+|00)(?:33|262|590|594|596)[\s.-]?(?:\(0\)[\s.-]?)?)[1-9](?:[\s.-]?\d){8}|(?:\+|00)508(?:[\s.-]?\d){6})$/;

export function phoneNumberProblem(value: string): string | undefined {
  if (PHONE_WRITTEN.test(value)) return undefined;
  const compact = value
    .replace(/[\s.-]/g, '')
    .replace(/^00/, '+')
    .replace(/^(\+\d{2,3})\(0\)/, '$1');
  return PHONE_COMPACT.test(compact)
    ? undefined
    : 'a French phone number is 0X XX XX XX XX or +33 X XX XX XX XX';
}

/**
 * An e-mail address, as the HTML standard's `type=email` reads one (what a web form would let
 * through), with a dotted domain: a mail server's address has a top-level domain.
 */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

export function emailProblem(value: string): string | undefined {
  return value.length <= 254 && EMAIL.test(value) ? undefined : 'not an e-mail address';
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
