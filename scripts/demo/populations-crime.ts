import type { Population } from './population';
import { clamp, roundFeatures, sampleCustomer } from './population';

const CARD_FEATURES = [
  { name: 'amount', decimals: 2, description: 'Transaction amount, GBP' },
  { name: 'merchant_risk_score', decimals: 3, description: 'Fraud rate of the merchant category (0-1, scaled)' },
  { name: 'hour_of_day', decimals: 0, description: 'Local hour of the authorisation request' },
  { name: 'distance_from_home_km', decimals: 1, description: 'Distance between merchant and billing address' },
  { name: 'txn_count_24h', decimals: 0, description: 'Card transactions in the previous 24 hours' },
  { name: 'card_present', decimals: 0, description: '1 for chip/contactless, 0 for card-not-present' },
  { name: 'account_age_days', decimals: 0, description: 'Days since the card account was opened' },
] as const;

/** Card authorisation requests; card-not-present fraud grows slowly through 2026. */
export const cardTransactions: Population = {
  id: 'card-authorisations',
  features: CARD_FEATURES,
  attributes: ['age_band', 'postcode_region'],
  target: 'binary',
  sample(rng, month) {
    const { age, attributes } = sampleCustomer(rng);
    const present = rng.chance(0.62 - 0.01 * Math.max(0, month)) ? 1 : 0;
    const raw = {
      amount: Math.exp(rng.normal(Math.log(present ? 28 : 55), 1.0)),
      merchant_risk_score: clamp(rng.normal(0, 1) ** 2 * 0.12, 0, 1),
      hour_of_day: Math.floor(clamp(rng.normal(14, 4.5), 0, 23.99)),
      distance_from_home_km: present ? Math.abs(rng.normal(0, 15)) : Math.abs(rng.normal(0, 300)),
      txn_count_24h: rng.poisson(2.5),
      card_present: present,
      account_age_days: Math.min((age - 18) * 365, Math.abs(rng.normal(0, 1500)) + 10),
    };
    return { features: roundFeatures(CARD_FEATURES, raw), attributes: { age_band: attributes.age_band ?? '', postcode_region: attributes.postcode_region ?? '' } };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    const night = v('hour_of_day') < 6 ? 1 : 0;
    const cnp = 1 - v('card_present');
    return -5.6 + 1.7 * cnp + 4 * v('merchant_risk_score') + 0.9 * night + 0.8 * cnp * night + 0.35 * Math.log1p(v('distance_from_home_km') / 20) + 0.18 * Math.max(0, v('txn_count_24h') - 3) + 0.3 * Math.log(v('amount') / 40) - 0.8 * (v('account_age_days') > 180 ? 1 : 0) + rng.normal(0, 0.3);
  },
};

const PAYMENT_FEATURES = [
  { name: 'amount', decimals: 2, description: 'Faster Payments amount, GBP' },
  { name: 'payee_age_days', decimals: 0, description: 'Days since the payee was first paid by this customer' },
  { name: 'new_payee', decimals: 0, description: '1 when the payee was added in this session' },
  { name: 'session_risk_score', decimals: 3, description: 'Device and behavioural risk of the online session (0-1)' },
  { name: 'device_change_7d', decimals: 0, description: '1 when a new device logged in within 7 days' },
  { name: 'payments_24h', decimals: 0, description: 'Outbound payments in the previous 24 hours' },
] as const;

/** Outbound Faster Payments screened for authorised-push-payment scams. */
export const outboundPayments: Population = {
  id: 'outbound-payments',
  features: PAYMENT_FEATURES,
  attributes: ['age_band', 'postcode_region'],
  target: 'binary',
  sample(rng) {
    const { attributes } = sampleCustomer(rng);
    const isNew = rng.chance(0.18) ? 1 : 0;
    const raw = {
      amount: Math.exp(rng.normal(Math.log(isNew ? 450 : 180), 1.1)),
      payee_age_days: isNew ? 0 : Math.abs(rng.normal(0, 600)) + 1,
      new_payee: isNew,
      session_risk_score: clamp(rng.normal(0, 1) ** 2 * 0.1, 0, 1),
      device_change_7d: rng.chance(0.06) ? 1 : 0,
      payments_24h: rng.poisson(1.2),
    };
    return { features: roundFeatures(PAYMENT_FEATURES, raw), attributes: { age_band: attributes.age_band ?? '', postcode_region: attributes.postcode_region ?? '' } };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return -5.9 + 1.8 * v('new_payee') + 5 * v('session_risk_score') + 1.3 * v('device_change_7d') + 0.55 * Math.log(v('amount') / 200) + 0.2 * v('payments_24h') + 1.0 * v('new_payee') * (v('amount') > 1000 ? 1 : 0) + rng.normal(0, 0.3);
  },
};

const AML_FEATURES = [
  { name: 'alert_amount', decimals: 2, description: 'Value of the transactions behind the alert, GBP' },
  { name: 'cash_ratio_30d', decimals: 3, description: 'Share of cash deposits in 30-day turnover' },
  { name: 'cross_border_ratio_30d', decimals: 3, description: 'Share of cross-border transfers in 30-day turnover' },
  { name: 'counterparties_30d', decimals: 0, description: 'Distinct counterparties in 30 days' },
  { name: 'account_age_days', decimals: 0, description: 'Days since account opening' },
  { name: 'high_risk_jurisdiction', decimals: 0, description: '1 when a counterparty is in a high-risk jurisdiction' },
  { name: 'prior_alerts_12m', decimals: 0, description: 'Alerts on the customer in the last 12 months' },
] as const;

/** Transaction-monitoring alerts triaged before investigation; the event is a filed suspicious-activity report. */
export const amlAlerts: Population = {
  id: 'aml-alerts',
  features: AML_FEATURES,
  attributes: ['age_band', 'postcode_region'],
  target: 'binary',
  sample(rng) {
    const { attributes } = sampleCustomer(rng);
    const raw = {
      alert_amount: Math.exp(rng.normal(Math.log(9000), 0.9)),
      cash_ratio_30d: clamp(Math.abs(rng.normal(0, 0.25)), 0, 1),
      cross_border_ratio_30d: clamp(Math.abs(rng.normal(0, 0.2)), 0, 1),
      counterparties_30d: 1 + rng.poisson(6),
      account_age_days: Math.abs(rng.normal(0, 1200)) + 5,
      high_risk_jurisdiction: rng.chance(0.07) ? 1 : 0,
      prior_alerts_12m: rng.poisson(0.5),
    };
    return { features: roundFeatures(AML_FEATURES, raw), attributes: { age_band: attributes.age_band ?? '', postcode_region: attributes.postcode_region ?? '' } };
  },
  trueLogit(f, rng) {
    const v = (k: string): number => f[k] ?? 0;
    return -3.1 + 3 * v('cash_ratio_30d') + 2.2 * v('cross_border_ratio_30d') + 0.05 * v('counterparties_30d') + 1.4 * v('high_risk_jurisdiction') + 0.45 * v('prior_alerts_12m') + 0.3 * Math.log(v('alert_amount') / 9000) - 0.4 * (v('account_age_days') > 365 ? 1 : 0) + rng.normal(0, 0.4);
  },
};
