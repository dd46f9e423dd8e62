/**
 * The screens group's objects as the read plans emit them (jira-cloud/reads/screens.ts): Jira's
 * responses (the spec's examples) combined the way the plans combine them.
 */
import type { ConfigType } from '../../../domain/config-catalogue';

/** GET /screens/10000/tabs → [{id: 10001, name: 'My Custom Tab 1'}, ...] with GET …/tabs/10001/fields. */
export const SCREEN_TAB = {
  id: 10001,
  name: 'My Custom Tab 1',
  parentKey: '10000',
  screenId: '10000',
  position: 1,
  fields: [
    { id: 'summary', name: 'Summary' },
    { id: 'customfield_10020', name: 'Team' },
    { id: 'duedate', name: 'Due date' },
  ],
};

/** GET /screenscheme (PageBeanScreenScheme example). */
export const SCREEN_SCHEME = {
  id: 10010,
  name: 'Employee screen scheme',
  description: 'Manage employee data',
  screens: { default: 10017, edit: 10019, create: 10019, view: 10020 },
};

/** GET /issuetypescreenscheme with its rows of GET /issuetypescreenscheme/mapping. */
export const ISSUE_TYPE_SCREEN_SCHEME = {
  id: '10001',
  name: 'Office issue type screen scheme',
  description: 'Managing office projects',
  mappings: [
    { issueTypeId: 'default', screenSchemeId: '10001' },
    { issueTypeId: '10001', screenSchemeId: '10002' },
    { issueTypeId: '10002', screenSchemeId: '10002' },
  ],
};

/** The rows of GET /issuetypescheme/mapping for scheme 10000, in the scheme's order. */
export const ISSUE_TYPE_SCHEME_ITEMS = { id: '10000', issueTypeIds: ['10003', '10000', '10001'] };

export const SCREEN_GROUP_FIXTURES: readonly { readonly type: ConfigType; readonly raw: unknown }[] = [
  { type: 'screentab', raw: SCREEN_TAB },
  { type: 'screenscheme', raw: SCREEN_SCHEME },
  { type: 'issuetypescreenscheme', raw: ISSUE_TYPE_SCREEN_SCHEME },
  { type: 'issuetypeschemeitems', raw: ISSUE_TYPE_SCHEME_ITEMS },
];
