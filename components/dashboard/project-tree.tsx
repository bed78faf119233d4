import { Card } from "@/components/ui/card";

interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
  custody: "SERVER" | "CLIENT";
  targets: { id: string; slug: string; name: string; environments: { id: string; slug: string; name: string }[] }[];
}

const CUSTODY_LABELS = { SERVER: "Server-managed key", CLIENT: "Client-managed key (zero-knowledge)" };

export function ProjectTree({ projects }: { projects: ProjectSummary[] }) {
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {projects.map((project) => (
        <li key={project.id}>
          <Card className="p-4">
            <div className="flex items-baseline justify-between gap-2">
              <h3 className="font-semibold">{project.name}</h3>
              <code className="font-mono text-xs text-zinc-500">{project.slug}</code>
            </div>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{CUSTODY_LABELS[project.custody]}</p>
            {project.targets.length === 0 ? (
              <p className="mt-3 text-sm text-zinc-500">No targets yet.</p>
            ) : (
              <ul className="mt-3 space-y-1 text-sm">
                {project.targets.map((target) => (
                  <li key={target.id}>
                    <span className="font-medium">{target.slug}</span>
                    <span className="text-zinc-500">
                      {" → "}
                      {target.environments.length ? target.environments.map((environment) => environment.slug).join(", ") : "no environments"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </li>
      ))}
    </ul>
  );
}
