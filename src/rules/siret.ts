/**
 * SIRET validity, as the French SIRENE register defines it: 14 digits (the 9-digit SIREN plus a
 * 5-digit establishment number); the SIREN and the whole SIRET each end with a Luhn check digit. La Poste's establishments (SIREN
 * 356000000) are the one exception: their digit sum is a multiple of 5 instead (all but the head
 * office, 356 000 000 00048, which is Luhn-valid).
 */
export const LA_POSTE_SIREN = '356000000';

/** La Poste's head office, which follows the ordinary Luhn rule. */
const LA_POSTE_HEAD_OFFICE = '35600000000048';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) sum += digits.charCodeAt(index) - 48;
  return sum;
}

/** Why a SIRET is not valid, or `undefined` when it is. */
export function siretProblem(siret: string): string | undefined {
  if (!/^\d{14}$/.test(siret)) return 'a SIRET is exactly 14 digits';
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE) {
    return digitSum(siret) % 5 === 0
      ? undefined
      : 'the digit sum of a La Poste SIRET (SIREN 356000000) must be a multiple of 5';
  }
  if (!luhnValid(siret.slice(0, 9))) return 'the SIREN (first 9 digits) check digit does not match';
  return luhnValid(siret) ? undefined : 'the Luhn check digit does not match';
}

export function isValidSiret(siret: string): boolean {
  return siretProblem(siret) === undefined;
}
