import { z } from 'zod';

/** A decimal amount as the APIs send it: digits, an optional sign and fraction (`"5000.00"`). */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?$/;

/** A money or quantity string, validated and kept as the exact string: never parsed to a float. */
export const decimalString = z
  .string()
  .regex(DECIMAL_PATTERN, { message: 'expected a decimal number as a string, like "5000.00"' });
