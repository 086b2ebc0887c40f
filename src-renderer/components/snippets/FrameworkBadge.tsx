// The framework that saved a version (from model.yaml's module), as a small badge in the lists.
import { frameworkOf } from '../../state/snippets/framework-snippets.ts';

export function FrameworkBadge({ module }: { module: string }) {
  const fw = frameworkOf(module);
  if (!fw.name) return null;
  return (
    <span className="badge badge-framework" title={`Saved with ${fw.module}`}>
      {fw.name}
    </span>
  );
}
