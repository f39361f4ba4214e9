/** The returns domain: rules, money and states shared by the desktop and the back office. */
export * from './reason-codes';
export * from './return-policy';
export * from './return-policy-schema';
export * from './eligibility';
export * from './refund-math';
export * from './approval-policy';
export * from './return-states';
export * from './returns-error';
export * from './qc';
export * from './rma-number';
export * from './zoned-date';
