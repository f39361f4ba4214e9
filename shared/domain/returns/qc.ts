/**
 * Quality control at the counter: grades and what they map to, defects, dispositions,
 * checklists, environmental tags and the serial check. One module per job; this file gathers
 * them under the name the backend imports.
 */
export * from './condition-grades';
export * from './defect-codes';
export * from './dispositions';
export * from './environmental-tags';
export * from './qc-checklists';
export * from './serial-check';
