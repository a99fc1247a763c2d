/** Money in integer cents, written as decimal strings: never a float on the way. */

export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** VAT on an amount at a rate in thousandths of a percent (20.000 % = 20000), rounded half up. */
export function vatCents(cents: number, rateMilliPercent: number): number {
  return Math.floor((cents * rateMilliPercent + 50_000) / 100_000);
}
