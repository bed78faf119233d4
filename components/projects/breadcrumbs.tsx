import Link from "next/link";
import { levelPages } from "@/lib/client/levels";

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

export function ProjectBreadcrumbs({ project, target, environment, current }: ProjectBreadcrumbsProps) {
  const crumbs: Crumb[] = [
    { label: "Projects", href: "/dashboard" },
    { label: label(project), slug: project.slug, href: levelPages.project(project.slug) },
  ];
  if (target) crumbs.push({ label: label(target), slug: target.slug, href: levelPages.secrets({ project: project.slug, target: target.slug }) });
  if (target && environment) crumbs.push({ label: label(environment), slug: environment.slug, href: levelPages.secrets({ project: project.slug, target: target.slug, environment: environment.slug }) });
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
