import type { Population } from './population';
import { ageIncomeEffect, clamp, roundFeatures, sampleCustomer, shockLevel, sigmoid } from './population';

const CREDIT_FEATURES = [
  { name: 'annual_income', decimals: 0, description: 'Declared gross annual income, GBP' },
  { name: 'debt_to_income', decimals: 3, description: 'Monthly debt repayments / monthly gross income' },
  { name: 'credit_utilisation', decimals: 3, description: 'Revolving balances / revolving limits (bureau)' },
  { name: 'months_at_address', decimals: 0, description: 'Months at current address' },
  { name: 'delinquencies_24m', decimals: 0, description: 'Missed payments in the last 24 months (bureau)' },
  { name: 'oldest_account_months', decimals: 0, description: 'Age of the oldest credit account, months' },
  { name: 'loan_amount', decimals: 0, description: 'Requested loan amount, GBP' },
  { name: 'recent_enquiries_6m', decimals: 0, description: 'Hard credit searches in the last 6 months' },
] as const;

/** Unsecured personal-loan applicants; from August 2026 incomes fall and revolving utilisation rises. */
export const creditApplicants: Population = {
  id: 'credit-applications',
  features: CREDIT_FEATURES,
  attributes: ['age_band', 'sex', 'postcode_region'],
  target: 'binary',
  sample(rng, month) {
    const { age, attributes } = sampleCustomer(rng);
    const shock = shockLevel(month);
    const sexEffect = attributes.sex === 'F' ? -0.07 : 0;
    const raw = {
      annual_income: Math.exp(rng.normal(Math.log(33000) + ageIncomeEffect(age) + sexEffect - 0.1 * shock, 0.42)),
      debt_to_income: clamp(rng.normal(0.27 + 0.04 * shock, 0.11), 0, 1.2),
      credit_utilisation: sigmoid(rng.normal(-0.65 + 0.75 * shock, 1.05)),
      months_at_address: Math.min((age - 17) * 12, rng.normal(0, 1) ** 2 * 40 + rng.between(1, 30)),
      delinquencies_24m: rng.poisson(0.28 + 0.12 * shock),
      oldest_account_months: (age - 18) * 12 * rng.between(0.25, 0.95) + rng.between(0, 12),
      loan_amount: Math.round(Math.exp(rng.normal(Math.log(8500), 0.6)) / 100) * 100,
      recent_enquiries_6m: rng.poisson(1.1 + 0.4 * shock),
    };
    return { features: roundFeatures(CREDIT_FEATURES, raw), attributes };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return (
      -3.55 - 1.1 * Math.log(v('annual_income') / 33000) + 4.2 * (v('debt_to_income') - 0.27) +
      2.8 * (v('credit_utilisation') - 0.35) + 1.6 * Math.max(0, v('credit_utilisation') - 0.85) +
      0.7 * v('delinquencies_24m') - 0.6 * Math.log((v('oldest_account_months') + 6) / 120) +
      0.2 * Math.log(v('loan_amount') / 8500) - 0.15 * Math.log((v('months_at_address') + 3) / 60) +
      0.22 * v('recent_enquiries_6m') + rng.normal(0, 0.25)
    );
  },
};

const MORTGAGE_FEATURES = [
  { name: 'loan_to_value', decimals: 3, description: 'Loan / property valuation' },
  { name: 'debt_to_income', decimals: 3, description: 'Monthly debt repayments incl. mortgage / gross income' },
  { name: 'annual_income', decimals: 0, description: 'Household gross annual income, GBP' },
  { name: 'bureau_score', decimals: 0, description: 'Credit bureau score (0-999)' },
  { name: 'months_in_employment', decimals: 0, description: 'Months with current employer' },
  { name: 'delinquencies_24m', decimals: 0, description: 'Missed payments in the last 24 months' },
  { name: 'term_years', decimals: 0, description: 'Mortgage term, years' },
] as const;

/** Residential mortgage applicants (owner-occupied); mild affordability pressure in the last quarter. */
export const mortgageApplicants: Population = {
  id: 'mortgage-applications',
  features: MORTGAGE_FEATURES,
  attributes: ['age_band', 'sex', 'postcode_region'],
  target: 'binary',
  sample(rng, month) {
    const { age, attributes } = sampleCustomer(rng, 21);
    const shock = shockLevel(month);
    const raw = {
      loan_to_value: clamp(rng.normal(0.72 - 0.004 * (age - 35), 0.13), 0.2, 0.95),
      debt_to_income: clamp(rng.normal(0.31 + 0.04 * shock, 0.08), 0.05, 0.6),
      annual_income: Math.exp(rng.normal(Math.log(56000) + ageIncomeEffect(age), 0.4)),
      bureau_score: clamp(rng.normal(880 - 25 * shock, 55), 450, 999),
      months_in_employment: Math.min((age - 18) * 12, Math.abs(rng.normal(0, 60)) + 3),
      delinquencies_24m: rng.poisson(0.1),
      term_years: rng.pick([15, 20, 25, 30, 35], [1, 2, 5, 3, 1]),
    };
    return { features: roundFeatures(MORTGAGE_FEATURES, raw), attributes };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return (
      -4.3 + 5 * (v('loan_to_value') - 0.72) + 5 * (v('debt_to_income') - 0.31) - 0.012 * (v('bureau_score') - 880) -
      0.4 * Math.log(v('annual_income') / 56000) - 0.004 * (v('months_in_employment') - 48) +
      0.7 * v('delinquencies_24m') + 0.02 * (v('term_years') - 25) + rng.normal(0, 0.4)
    );
  },
};

const LGD_FEATURES = [
  { name: 'exposure_at_default', decimals: 0, description: 'Outstanding balance at default, GBP' },
  { name: 'months_on_book', decimals: 0, description: 'Months between origination and default' },
  { name: 'collateral_coverage', decimals: 3, description: 'Collateral value / exposure (0 when unsecured)' },
  { name: 'days_past_due_at_default', decimals: 0, description: 'Days past due when the default was recorded' },
  { name: 'is_secured', decimals: 0, description: '1 when the facility is secured' },
] as const;

/** Defaulted retail exposures; the target is the realised loss fraction after the workout. */
export const defaultedExposures: Population = {
  id: 'defaulted-exposures',
  features: LGD_FEATURES,
  attributes: ['postcode_region'],
  target: 'fraction',
  sample(rng) {
    const { attributes } = sampleCustomer(rng);
    const secured = rng.chance(0.35) ? 1 : 0;
    const raw = {
      exposure_at_default: Math.exp(rng.normal(Math.log(secured ? 60000 : 6000), 0.7)),
      months_on_book: Math.abs(rng.normal(0, 30)) + 3,
      collateral_coverage: secured ? clamp(rng.normal(0.9, 0.25), 0.1, 1.6) : 0,
      days_past_due_at_default: 90 + Math.abs(rng.normal(0, 40)),
      is_secured: secured,
    };
    return { features: roundFeatures(LGD_FEATURES, raw), attributes: { postcode_region: attributes.postcode_region ?? '' } };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return 0.9 - 2.2 * v('collateral_coverage') + 0.15 * Math.log(v('exposure_at_default') / 6000) - 0.006 * v('months_on_book') + 0.004 * (v('days_past_due_at_default') - 90) + rng.normal(0, 0.6);
  },
};
