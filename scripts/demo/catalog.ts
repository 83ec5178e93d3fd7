import type { ModelSpec } from './catalog-types';
import { creditApplicants, defaultedExposures, mortgageApplicants } from './populations-retail';
import { amlAlerts, cardTransactions, outboundPayments } from './populations-crime';
import { collectionsAccounts, currentAccountCustomers } from './populations-servicing';

const trees = (n: number, depth: number, learningRate: number) => ({ trees: n, depth, learningRate, lambda: 1, minChildWeight: 3 });

/** Northwind Savings Bank's model inventory (fictional): eight models and their version histories. */
export const MODELS: readonly ModelSpec[] = [
  {
    name: 'retail-credit-pd',
    description: 'Probability of default within 12 months for unsecured personal-loan applications (application scorecard).',
    population: creditApplicants, family: 'logistic', output: 'p_default',
    owner: 'Priya Raman', useCase: 'Credit decisioning - unsecured personal loans', riskTier: 'Tier 1 (high)',
    validationCycleMonths: 12, department: 'Retail Credit Risk', experimentId: '11', trainRows: 6000,
    rule: { output: 'p_default', index: 0, operator: '>', threshold: 0.13, whenTrue: 'decline', whenFalse: 'approve' },
    monthlyDecisions: 1100, outcome: { lagMonths: 6, onlyFor: 'approve' },
    versions: [
      { created: -4, day: 12, promoted: -3, note: 'Annual redevelopment on 2024-25 applications', options: { c: 1, iterations: 8 } },
      { created: 1, day: 20, promoted: 3, note: 'Refit with 2025 vintages', options: { c: 0.5, iterations: 8 } },
      { created: 4, day: 9, rejected: 5, note: 'Trial with weaker regularisation; failed stability review', options: { c: 20, iterations: 8 } },
      { created: 5, day: 14, promoted: 6, note: 'Mid-year refit, recalibrated intercept', options: { c: 1, iterations: 8 } },
      { created: 10, day: 6, rejected: 11, note: 'Emergency refit after the autumn affordability shift', options: { c: 0.2, iterations: 8 } },
      { created: 11, day: 10, note: 'Refit on post-shift applications, awaiting validation', options: { c: 0.5, iterations: 8 } },
    ],
  },
  {
    name: 'mortgage-pd',
    description: 'Probability of default within 24 months for owner-occupied mortgage applications.',
    population: mortgageApplicants, family: 'logistic', output: 'p_default',
    owner: 'Tomasz Wiśniewski', useCase: 'Credit decisioning - residential mortgages', riskTier: 'Tier 1 (high)',
    validationCycleMonths: 12, department: 'Mortgage Risk', experimentId: '12', trainRows: 10000,
    rule: { output: 'p_default', index: 0, operator: '>', threshold: 0.05, whenTrue: 'decline', whenFalse: 'approve' },
    monthlyDecisions: 150, outcome: { lagMonths: 6, onlyFor: 'approve' },
    versions: [
      { created: -6, day: 3, promoted: -5, note: 'Initial mortgage PD model', options: { c: 1, iterations: 8 } },
      { created: 4, day: 16, promoted: 6, note: 'Refit with bureau score v3', options: { c: 0.5, iterations: 8 } },
      { created: 9, day: 8, promoted: 10, note: 'Refit including 2026 H1 completions', options: { c: 1, iterations: 8 } },
      { created: 11, day: 18, note: 'Challenger with longer term structure', options: { c: 2, iterations: 8 } },
    ],
  },
  {
    name: 'retail-lgd',
    description: 'Loss given default for defaulted retail exposures (IFRS 9 and capital).',
    population: defaultedExposures, family: 'logistic', output: 'lgd',
    owner: 'Amara Okafor', useCase: 'Provisioning and regulatory capital - LGD', riskTier: 'Tier 1 (high)',
    validationCycleMonths: 12, department: 'Credit Risk Modelling', experimentId: '13', trainRows: 4000,
    monthlyDecisions: 0,
    versions: [
      { created: -5, day: 21, promoted: -4, note: 'Workout LGD on 2019-2024 defaults', options: { c: 1, iterations: 8 } },
      { created: 5, day: 11, promoted: 7, note: 'Refit with 2025 recoveries', options: { c: 1, iterations: 8 } },
      { created: 10, day: 15, note: 'Downturn-adjusted challenger', options: { c: 0.3, iterations: 8 } },
    ],
  },
  {
    name: 'card-fraud-score',
    description: 'Real-time fraud score for debit and credit card authorisations.',
    population: cardTransactions, family: 'trees', output: 'fraud_score',
    owner: 'Daniel Hughes', useCase: 'Fraud prevention - card authorisations', riskTier: 'Tier 2 (medium)',
    validationCycleMonths: 24, department: 'Financial Crime Analytics', experimentId: '21', trainRows: 12000,
    rule: { output: 'fraud_score', index: 0, operator: '>', threshold: 0.3, whenTrue: 'decline', whenFalse: 'approve' },
    monthlyDecisions: 700, outcome: { lagMonths: 1 },
    versions: [
      { created: -6, day: 7, promoted: -5, note: 'Gradient-boosted trees, first production release', options: trees(30, 2, 0.2) },
      { created: 1, day: 13, promoted: 2, note: 'Quarterly retrain', options: trees(36, 2, 0.2) },
      { created: 4, day: 10, promoted: 5, note: 'Quarterly retrain, deeper trees', options: trees(30, 3, 0.15) },
      { created: 7, day: 8, promoted: 8, note: 'Quarterly retrain with card-not-present uplift', options: trees(40, 3, 0.15) },
      { created: 10, day: 12, promoted: 11, note: 'Quarterly retrain', options: trees(40, 3, 0.15) },
    ],
  },
  {
    name: 'payments-fraud-score',
    description: 'Authorised-push-payment scam score for outbound Faster Payments.',
    population: outboundPayments, family: 'trees', output: 'fraud_score',
    owner: 'Daniel Hughes', useCase: 'Fraud prevention - outbound payments (APP scams)', riskTier: 'Tier 2 (medium)',
    validationCycleMonths: 24, department: 'Financial Crime Analytics', experimentId: '22', trainRows: 12000,
    rule: { output: 'fraud_score', index: 0, operator: '>', threshold: 0.2, whenTrue: 'hold', whenFalse: 'release' },
    monthlyDecisions: 220, outcome: { lagMonths: 1 },
    versions: [
      { created: -3, day: 18, promoted: -2, note: 'First APP-scam model after reimbursement rules', options: trees(30, 2, 0.2) },
      { created: 3, day: 11, promoted: 4, note: 'Retrain with confirmed scam reports', options: trees(36, 2, 0.2) },
      { created: 6, day: 9, rejected: 7, note: 'Trial with session features only; recall too low', options: trees(20, 2, 0.1) },
      { created: 8, day: 14, promoted: 9, note: 'Retrain with device-change signal', options: trees(40, 3, 0.15) },
    ],
  },
  {
    name: 'customer-churn',
    description: 'Probability that a current-account customer closes or switches within 90 days.',
    population: currentAccountCustomers, family: 'logistic', output: 'p_churn',
    owner: 'Sofia Lindqvist', useCase: 'Marketing - retention campaign targeting', riskTier: 'Tier 3 (low)',
    validationCycleMonths: 36, department: 'Customer Analytics', experimentId: '31', trainRows: 4000,
    monthlyDecisions: 0,
    versions: [
      { created: -3, day: 2, promoted: -2, note: 'Retention model for the 2026 campaign', options: { c: 1, iterations: 8 } },
      { created: 1, day: 24, promoted: 2, note: 'Refit after product bundle launch', options: { c: 1, iterations: 8 } },
      { created: 3, day: 5, deleted: 4, note: 'Registered from a test run by mistake; removed', options: { c: 5, iterations: 3 } },
      { created: 6, day: 19, promoted: 7, note: 'Half-year refit', options: { c: 0.5, iterations: 8 } },
      { created: 10, day: 3, promoted: 11, note: 'Refit with digital engagement', options: { c: 0.5, iterations: 8 } },
    ],
  },
  {
    name: 'aml-alert-scoring',
    description: 'Prioritises transaction-monitoring alerts by the probability that investigation leads to a SAR.',
    population: amlAlerts, family: 'logistic', output: 'p_sar',
    owner: 'Grace Mensah', useCase: 'Anti-money-laundering - alert triage', riskTier: 'Tier 1 (high)',
    validationCycleMonths: 12, department: 'Financial Crime Compliance', experimentId: '41', trainRows: 4000,
    rule: { output: 'p_sar', index: 0, operator: '>', threshold: 0.3, whenTrue: 'escalate', whenFalse: 'close' },
    monthlyDecisions: 90, outcome: { lagMonths: 2 },
    versions: [
      { created: -8, day: 22, promoted: -7, note: 'Alert triage model, replaces rules-only queue', options: { c: 1, iterations: 8 } },
      { created: 6, day: 25, note: 'Refit with 2025-26 investigations; validation not yet scheduled', options: { c: 0.5, iterations: 8 } },
    ],
  },
  {
    name: 'collections-propensity',
    description: 'Propensity that an account in early arrears pays within 30 days without agent contact.',
    population: collectionsAccounts, family: 'logistic', output: 'p_cure',
    owner: 'Liam O\'Connor', useCase: 'Collections - contact strategy', riskTier: 'Tier 3 (low)',
    validationCycleMonths: 36, department: 'Collections & Recoveries', experimentId: '51', trainRows: 4000,
    rule: { output: 'p_cure', index: 0, operator: '<', threshold: 0.4, whenTrue: 'agent_call', whenFalse: 'digital_reminder' },
    monthlyDecisions: 120, outcome: { lagMonths: 1 },
    versions: [
      { created: -5, day: 6, promoted: -4, note: 'First propensity-to-pay model', options: { c: 1, iterations: 8 } },
      { created: 3, day: 17, promoted: 4, note: 'Refit with open-banking income signal removed', options: { c: 1, iterations: 8 } },
      { created: 8, day: 4, promoted: 9, note: 'Refit on arrears after the autumn shift', options: { c: 0.5, iterations: 8 } },
    ],
  },
];
