import type { Population } from './population';
import { clamp, roundFeatures, sampleCustomer, shockLevel } from './population';

const CHURN_FEATURES = [
  { name: 'tenure_months', decimals: 0, description: 'Months since the customer opened a first product' },
  { name: 'products_held', decimals: 0, description: 'Number of products held' },
  { name: 'balance_change_3m', decimals: 3, description: 'Relative change of current-account balance over 3 months' },
  { name: 'complaints_12m', decimals: 0, description: 'Complaints logged in the last 12 months' },
  { name: 'digital_logins_30d', decimals: 0, description: 'App and web log-ins in the last 30 days' },
  { name: 'salary_credited', decimals: 0, description: '1 when a salary is paid into the account' },
] as const;

/** Current-account customers scored monthly for the retention campaign. */
export const currentAccountCustomers: Population = {
  id: 'current-account-customers',
  features: CHURN_FEATURES,
  attributes: ['age_band', 'sex', 'postcode_region'],
  target: 'binary',
  sample(rng) {
    const { age, attributes } = sampleCustomer(rng);
    const raw = {
      tenure_months: Math.min((age - 16) * 12, Math.abs(rng.normal(0, 70)) + 1),
      products_held: 1 + rng.poisson(0.9),
      balance_change_3m: clamp(rng.normal(0, 0.3), -1, 2),
      complaints_12m: rng.poisson(0.12),
      digital_logins_30d: rng.poisson(age < 50 ? 14 : 6),
      salary_credited: rng.chance(0.62) ? 1 : 0,
    };
    return { features: roundFeatures(CHURN_FEATURES, raw), attributes };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return -2.4 - 0.008 * v('tenure_months') - 0.35 * (v('products_held') - 2) - 1.4 * v('balance_change_3m') + 0.8 * v('complaints_12m') - 0.03 * v('digital_logins_30d') - 0.9 * v('salary_credited') + rng.normal(0, 0.5);
  },
};

const COLLECTIONS_FEATURES = [
  { name: 'days_past_due', decimals: 0, description: 'Days past due on entering collections' },
  { name: 'balance_outstanding', decimals: 0, description: 'Arrears balance, GBP' },
  { name: 'payments_last_6m', decimals: 0, description: 'Payments received in the last 6 months' },
  { name: 'contact_attempts_30d', decimals: 0, description: 'Contact attempts in the last 30 days' },
  { name: 'broken_promises_12m', decimals: 0, description: 'Broken promises to pay in the last 12 months' },
  { name: 'months_on_book', decimals: 0, description: 'Months since account opening' },
] as const;

/** Accounts entering early-stage collections; the event is a payment within 30 days ("cure"). */
export const collectionsAccounts: Population = {
  id: 'collections-accounts',
  features: COLLECTIONS_FEATURES,
  attributes: ['age_band', 'sex', 'postcode_region'],
  target: 'binary',
  sample(rng, month) {
    const { attributes } = sampleCustomer(rng);
    const shock = shockLevel(month);
    const raw = {
      days_past_due: 5 + Math.abs(rng.normal(0, 25 + 10 * shock)),
      balance_outstanding: Math.exp(rng.normal(Math.log(900), 0.8)),
      payments_last_6m: rng.poisson(3.5 - shock),
      contact_attempts_30d: rng.poisson(2),
      broken_promises_12m: rng.poisson(0.4 + 0.2 * shock),
      months_on_book: Math.abs(rng.normal(0, 40)) + 2,
    };
    return { features: roundFeatures(COLLECTIONS_FEATURES, raw), attributes };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return 0.9 - 0.045 * v('days_past_due') - 0.4 * Math.log(v('balance_outstanding') / 900) + 0.35 * v('payments_last_6m') - 0.08 * v('contact_attempts_30d') - 0.8 * v('broken_promises_12m') + 0.006 * v('months_on_book') + rng.normal(0, 0.3);
  },
};
