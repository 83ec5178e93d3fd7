/** Stands for "now and onwards" in valid-time predicates, so current and as-of queries share one SQL. */
export const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * SQL predicate: the row of an SCD-2 history table (valid_from / valid_to) that was in force at :at.
 * `alias` names the table alias; bind :at to an ISO instant or END_OF_TIME.
 */
export function validAt(alias: string): string {
  return `(${alias}.valid_from <= :at AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > :at))`;
}
