/**
 * The sandbox's reading of a SIRET, as the French SIRENE register publishes it: 14 digits, the
 * SIREN (the first 9) and the whole number each closed by a Luhn digit. La Poste's
 * establishments (SIREN 356000000) number theirs so that the digits add up to a multiple of 5;
 * its head office, 356 000 000 00048, follows the ordinary rule.
 */
const LA_POSTE = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

/** Doubling a digit as the Luhn sum does, then adding the digits of the result. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

function luhnSum(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((char, position) => {
    const digit = Number(char);
    sum += position % 2 === 0 ? digit : (DOUBLED[digit] ?? 0);
  });
  return sum;
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, char) => sum + Number(char), 0);
}

/** Whether a SIRET, written without spaces, is one the register could have issued. */
export function siretIsValid(siret: string): boolean {
  if (!/^[0-9]{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE) && siret !== LA_POSTE_HEAD_OFFICE)
    return digitSum(siret) % 5 === 0;
  return luhnSum(siret.slice(0, 9)) % 10 === 0 && luhnSum(siret) % 10 === 0;
}
