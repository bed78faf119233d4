import Link from "next/link";

// The trail on every project page: Projects › project › target › environment › current page.
// Each level links to its overview or secrets editor so people can climb the hierarchy without the
// back button. Server-renderable (no client state); the last crumb carries aria-current="page".

export interface BreadcrumbNode {
  slug: string;
  /** Shown instead of the slug when it differs; the slug stays visible in monospace for copying. */
  name?: string;
}

export interface ProjectBreadcrumbsProps {
  project: BreadcrumbNode;
  target?: BreadcrumbNode;
  environment?: BreadcrumbNode;
  /** The page being shown ("Secrets", "History", "Inheritance", …); omitted on the overview itself. */
  current?: string;
}

interface Crumb {
  label: string;
  slug?: string;
  href?: string;
}

export function projectHref(project: string): string {
  return `/dashboard/projects/${encodeURIComponent(project)}`;
}

/** The secrets editor of a level: project, target or environment. */
export function secretsHref(project: string, target?: string, environment?: string): string {
  return levelHref(project, "secrets", target, environment);
}

/** The history of a level. */
export function historyHref(project: string, target?: string, environment?: string): string {
  return levelHref(project, "history", target, environment);
}

/** The inheritance (effective values) view of an environment. */
export function effectiveHref(project: string, target: string, environment: string): string {
  return levelHref(project, "effective", target, environment);
}

function levelHref(project: string, page: string, target?: string, environment?: string): string {
  const segments = [target, target ? environment : undefined].filter((segment): segment is string => Boolean(segment));
  return [projectHref(project), page, ...segments.map(encodeURIComponent)].join("/");
}

export function ProjectBreadcrumbs({ project, target, environment, current }: ProjectBreadcrumbsProps) {
  const crumbs: Crumb[] = [
    { label: "Projects", href: "/dashboard" },
    { label: label(project), slug: project.slug, href: projectHref(project.slug) },
  ];
  if (target) crumbs.push({ label: label(target), slug: target.slug, href: secretsHref(project.slug, target.slug) });
  if (target && environment) crumbs.push({ label: label(environment), slug: environment.slug, href: secretsHref(project.slug, target.slug, environment.slug) });
  if (current) crumbs.push({ label: current });
  // The last crumb is the page itself: not a link.
  const last = crumbs.length - 1;

  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-zinc-600 dark:text-zinc-400">
        {crumbs.map((crumb, index) => (
          <li key={`${index}-${crumb.label}`} className="flex items-center gap-1">
            {index > 0 ? (
              <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-600">
                /
              </span>
            ) : null}
            {index === last || !crumb.href ? (
              <span aria-current="page" className="font-medium text-zinc-900 dark:text-zinc-100">
                {crumb.label}
              </span>
            ) : (
              <Link
                href={crumb.href}
                className="rounded px-0.5 hover:text-indigo-600 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:text-indigo-400"
              >
                {crumb.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function label(node: BreadcrumbNode): string {
  return node.name && node.name.trim() ? node.name : node.slug;
}
