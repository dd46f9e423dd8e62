import { generateSite } from '../generate';
import { jiraTimestamp } from '../generate/context';
import { compareIds } from '../ids';
import { Prng } from '../prng';
import {
  CONFIG_TYPES,
  isJsonObject,
  type ConfigType,
  type Json,
  type JsonObject,
  type ObjectCounts,
  type OrderingMode,
  type SiteSize,
} from '../types';
import { configurableFieldCount } from './field-items';
import { defaultContextOf, defaultWithout, dependentsOf, linksOfNewObject } from './field-relations';
import { resolvePath } from './json-path';
import { mergePatch } from './merge-patch';
import { NUMERIC_ID_TYPES, objectTemplate } from './new-object';
import { refuseSingleton } from './platform-objects';
import { screenDependentsOf, screenLinksOfNewObject } from './screen-relations';
import { clearDefaultLevel, schemeDependentsOf, schemeLinksOfNewObject } from './scheme-relations';
import { moveProjectInSchemeLists, projectDependentsOf, projectLinksOfNewObject, projectSchemesOfNewProject } from './project-relations';
import { SiteError } from './site-error';
import type { Plan, Product } from './site-options';
import { touchVolatileFields } from './volatile';
import { AuditLog } from './audit-log';
import { SiteUsers, siteAdminAccountId } from './site-users';

export { SiteError };

export interface SiteInfo {
  cloudId: string;
  name: string;
  siteUrl: string;
  seed: number;
  size: SiteSize;
  products: Product[];
  plan: Plan;
}

/** One simulated Jira site: its configuration objects, the order list endpoints return them in, and mutations. */
export class Site {
  private readonly objects = {} as Record<ConfigType, Map<string, JsonObject>>;
  private ordering: { mode: OrderingMode; seed: number } = { mode: 'id', seed: 0 };
  private readonly orderCache = new Map<ConfigType, { version: number; ids: string[] }>();
  private readonly versions = {} as Record<ConfigType, number>;
  private createdSerial = 0;
  /** Whether REST calls must carry the scopes the spec requires (as Jira does; a test may switch it off). */
  scopeEnforcement = true;
  /** The audit records the admin API's changes wrote (jira-sim/site/audit-events.ts). */
  readonly auditLog = new AuditLog();
  /** The people the site knows (user/bulk). */
  readonly users = new SiteUsers();

  constructor(readonly info: SiteInfo) {
    // Generators share sub-objects between objects (e.g. a project category); copy so edits stay local.
    const generated = structuredClone(generateSite(info.seed, info.size, info.siteUrl));
    for (const type of CONFIG_TYPES) {
      this.objects[type] = new Map(generated[type].map((o) => [String(o['id']), o]));
      this.versions[type] = 0;
    }
    this.users.put({ accountId: siteAdminAccountId(info.cloudId), displayName: `${info.name} admin`, active: true });
  }

  get cloudId(): string {
    return this.info.cloudId;
  }

  /** Base of the URLs Jira returns when answering through the api.atlassian.com gateway. */
  get gatewayUrl(): string {
    return `https://api.atlassian.com/ex/jira/${this.info.cloudId}`;
  }

  counts(): ObjectCounts {
    const counts = {} as ObjectCounts;
    for (const type of CONFIG_TYPES) counts[type] = this.objects[type].size;
    counts.fieldconfigurationitem = this.objects.fieldconfiguration.size * configurableFieldCount(this.list('field'));
    // One object per issue type scheme that has issue types (the mapping lists nothing for an empty one).
    counts.issuetypeschemeitems = this.list('issuetypescheme').filter((s) => Array.isArray(s['issueTypeIds']) && s['issueTypeIds'].length > 0).length;
    return counts;
  }

  /** Bumped by every change to objects of the type: lets views cache what they derive from a list. */
  version(type: ConfigType): number {
    return this.versions[type];
  }

  get(type: ConfigType, id: string): JsonObject | undefined {
    return this.objects[type].get(id);
  }

  /** All objects of a type in the site's current list order (by id unless reordered via the admin API). */
  list(type: ConfigType): JsonObject[] {
    const cached = this.orderCache.get(type);
    let ids = cached?.version === this.versions[type] ? cached.ids : undefined;
    if (!ids) {
      ids = [...this.objects[type].keys()].sort(compareIds);
      if (this.ordering.mode === 'reverse') ids.reverse();
      if (this.ordering.mode === 'shuffle') ids = Prng.forLabel(this.ordering.seed, type).shuffle(ids);
      this.orderCache.set(type, { version: this.versions[type], ids });
    }
    const map = this.objects[type];
    return ids.map((id) => map.get(id)).filter((o): o is JsonObject => o !== undefined);
  }

  setOrdering(mode: OrderingMode, seed = 1): void {
    this.ordering = { mode, seed };
    this.orderCache.clear();
  }

  getOrdering(): { mode: OrderingMode; seed: number } {
    return { ...this.ordering };
  }

  add(type: ConfigType, body: JsonObject, nowMs: number): JsonObject {
    refuseSingleton(type, 'add');
    const id = this.nextId(type);
    this.createdSerial++;
    const template = objectTemplate(type, id, {
      siteUrl: this.info.siteUrl,
      seed: this.info.seed,
      nowMs,
      serial: this.createdSerial,
      firstId: (t) => this.list(t)[0]?.['id']?.toString(),
    });
    const { id: _ignored, ...fields } = body;
    const created = mergePatch(template, {
      ...fields,
      ...linksOfNewObject(this, type, body),
      ...screenLinksOfNewObject(this, type, body),
      ...schemeLinksOfNewObject(this, type, body),
      ...projectLinksOfNewObject(this, type, body),
    }) as JsonObject;
    this.objects[type].set(id, created);
    this.changed(type);
    if (type === 'project') {
      this.objects.projectschemes.set(id, projectSchemesOfNewProject(this, created));
      this.changed('projectschemes');
    }
    const context = type === 'field' ? defaultContextOf(created) : undefined;
    if (context) {
      this.add('fieldcontext', context, nowMs);
      created['contextsCount'] = 1;
    }
    return created;
  }

  patch(type: ConfigType, id: string, patch: JsonObject, nowMs: number): JsonObject {
    const current = this.require(type, id);
    const updated = mergePatch(current, patch) as JsonObject;
    updated['id'] = current['id'] as Json;
    if (type === 'workflow') bumpWorkflowVersion(updated, current, nowMs);
    this.objects[type].set(id, updated);
    this.changed(type);
    if (type === 'projectschemes') moveProjectInSchemeLists(this, id, patch);
    return updated;
  }

  remove(type: ConfigType, id: string): void {
    refuseSingleton(type, 'remove');
    const removed = this.require(type, id);
    const dependents = [
      ...dependentsOf(this, type, id),
      ...screenDependentsOf(this, type, id),
      ...schemeDependentsOf(this, type, id),
      ...projectDependentsOf(this, type, id),
    ];
    for (const [dependentType, dependentId] of dependents) {
      this.objects[dependentType].delete(dependentId);
      this.changed(dependentType);
    }
    this.objects[type].delete(id);
    this.changed(type);
    if (type === 'issuesecuritylevel' && clearDefaultLevel(this, removed)) this.changed('issuesecurityscheme');
    if (type === 'fieldcontextoption') this.dropDefaultsNaming(String(removed['contextId']), new Set([id, ...dependents.map(([, d]) => d)]));
  }

  private dropDefaultsNaming(contextId: string, optionIds: ReadonlySet<string>): void {
    const context = this.objects.fieldcontext.get(contextId);
    const value = context && defaultWithout(context, optionIds);
    if (!context || value === undefined) return;
    if (value === null) delete context['defaultValue'];
    else context['defaultValue'] = value;
    this.changed('fieldcontext');
  }

  /** Reverses one array inside an object: same content, different order (hashes must not change). */
  reverseArray(type: ConfigType, id: string, arrayPath: string): JsonObject {
    const object = this.require(type, id);
    const array = resolvePath(object, arrayPath);
    if (!Array.isArray(array)) throw new SiteError(400, `${arrayPath} is not an array in ${type} ${id}`);
    array.reverse();
    this.changed(type);
    return object;
  }

  touchVolatile(type: ConfigType, id: string, nowMs: number): { object: JsonObject; changed: string[] } {
    const object = this.require(type, id);
    const changed = touchVolatileFields(type, object, this.info.siteUrl, this.gatewayUrl, nowMs);
    this.changed(type);
    return { object, changed };
  }

  private require(type: ConfigType, id: string): JsonObject {
    const object = this.objects[type].get(id);
    if (!object) throw new SiteError(404, `no ${type} with id ${id}`);
    return object;
  }

  private changed(type: ConfigType): void {
    this.versions[type]++;
  }

  private nextId(type: ConfigType): string {
    const ids = [...this.objects[type].keys()];
    if (type === 'workflow' || type === 'automationrule') {
      return Prng.forLabel(this.info.seed, `admin:${type}-id:${this.createdSerial}`).uuid();
    }
    if (type === 'field') {
      const max = Math.max(9999, ...ids.map((id) => Number(/^customfield_(\d+)$/.exec(id)?.[1] ?? 0)));
      return `customfield_${max + 1}`;
    }
    const max = Math.max(NUMERIC_ID_TYPES.has(type) ? 0 : 9999, ...ids.map((id) => (/^\d+$/.test(id) ? Number(id) : 0)));
    return String(max + 1);
  }
}

/** Jira bumps a workflow's version and `updated` time on every edit. */
function bumpWorkflowVersion(updated: JsonObject, previous: JsonObject, nowMs: number): void {
  const version = isJsonObject(previous['version']) ? previous['version'] : {};
  updated['version'] = { ...version, versionNumber: Number(version['versionNumber'] ?? 0) + 1 };
  updated['updated'] = jiraTimestamp(nowMs);
}
