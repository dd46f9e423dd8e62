// The projects group: project categories, each project's components and versions.
import { fetchAllPages } from '../pagination';
import { asObjects, list, pageBean, text, type ListPlan, type PerParentPlan } from '../read-plan-kit';

const PROJECT = '/rest/api/3/project/{projectIdOrKey}';

export const projectCategories: ListPlan = list({ path: '/rest/api/3/projectCategory', shape: { kind: 'array' } }, ['read:project-category:jira']);

/**
 * A project's components, read per project: the paged list over all projects (GET /rest/api/3/component,
 * ComponentJsonBean) would take fewer requests, but its objects carry neither the project, the lead nor
 * the default assignee rule — the configuration this type is about.
 */
export const projectComponents: PerParentPlan = {
  kind: 'per-parent',
  scopes: [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:group:jira',
    'read:project.component:jira',
    'read:project:jira',
    'read:user:jira',
  ],
  endpoints: [`GET ${PROJECT}/component`],
  async read(client, project, emit) {
    const projectId = text(project['id']);
    const def = pageBean(`/rest/api/3/project/${encodeURIComponent(projectId)}/component`, 50);
    const { pages } = await fetchAllPages(client, def, (values) => emit(asObjects(values).map((c) => ({ ...c, parentKey: projectId }))));
    return pages;
  },
};

/** A project's versions in its release sequence; `position` is the version's place in it. */
export const projectVersions: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:project-version:jira'],
  endpoints: [`GET ${PROJECT}/version`],
  async read(client, project, emit) {
    const projectId = text(project['id']);
    const def = pageBean(`/rest/api/3/project/${encodeURIComponent(projectId)}/version`, 50, { orderBy: 'sequence' });
    const { pages } = await fetchAllPages(client, def, (values, page) =>
      emit(asObjects(values).map((v, i) => ({ ...v, parentKey: projectId, position: page.startAt + i }))),
    );
    return pages;
  },
};
