import { Command, Option } from 'commander';
import {
  ALL_NAMESPACES,
  buildModel,
  can,
  KubeseamError,
  loadSource,
  parseResourceArg,
  parseSubject,
  rbacIndexFor,
  renderCan,
  renderRbacReview,
  reviewMiddlewareRbac,
  classify,
  renderWhoCan,
  whoCan,
  type AccessRequest,
} from '../index.ts';
import { useColor } from './io.ts';
import { addSourceOptions, sourceSpec, type SourceFlags } from './source-options.ts';
import type { CliState } from './state.ts';

interface RbacFlags extends SourceFlags {
  namespace?: string;
  allNamespaces?: boolean;
  format: string;
  color?: boolean;
}

function addCommon(cmd: Command): Command {
  return addSourceOptions(cmd)
    .option('-n, --namespace <ns>', 'namespace of the request (default: cluster-wide)')
    .option('-A, --all-namespaces', 'in any namespace')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the output');
}

/** VERB RESOURCE[/SUB] [NAME], or VERB /non/resource/url, into an AccessRequest. */
function requestFrom(verb: string, resourceArg: string, name: string | undefined, flags: RbacFlags): AccessRequest {
  if (resourceArg.startsWith('/')) return { verb, nonResourceURL: resourceArg };
  let parsed;
  try {
    parsed = parseResourceArg(resourceArg);
  } catch (e) {
    throw new KubeseamError('usage', (e as Error).message);
  }
  for (const w of parsed.warnings) process.stderr.write(`kubeseam: note: ${w}\n`);
  const req: AccessRequest = { verb, apiGroup: parsed.apiGroup, resource: parsed.resource };
  if (parsed.subresource) req.subresource = parsed.subresource;
  if (name) req.name = name;
  if (flags.allNamespaces) req.namespace = ALL_NAMESPACES;
  else if (flags.namespace) req.namespace = flags.namespace;
  return req;
}

function describeRequest(verb: string, resource: string, name: string | undefined, flags: RbacFlags): string {
  const where = flags.allNamespaces ? ' in any namespace' : flags.namespace ? ` in namespace ${flags.namespace}` : '';
  return `${verb} ${resource}${name ? ` ${name}` : ''}${where}`;
}

export function rbacCommand(state: CliState): Command {
  const rbac = new Command('rbac').description('RBAC exactly as the Kubernetes authorizer decides');

  const who = new Command('who-can')
    .description('every subject allowed to do VERB on RESOURCE[/SUB] [NAME], with the binding and role granting it')
    .argument('<verb>')
    .argument('<resource>', 'resource[.group][/subresource], or a non-resource URL such as /metrics')
    .argument('[name]');
  addCommon(who).action(async (verb: string, resource: string, name: string | undefined, flags: RbacFlags) => {
    const model = buildModel((await loadSource(sourceSpec(flags))).input);
    const answers = whoCan(rbacIndexFor(model), requestFrom(verb, resource, name, flags));
    const question = describeRequest(verb, resource, name, flags);
    process.stdout.write(
      flags.format === 'json'
        ? JSON.stringify({ question, answers }, null, 2) + '\n'
        : renderWhoCan(question, answers, {
            color: useColor(process.stdout, flags.color === false ? false : undefined),
          }),
    );
    state.exitCode = 0;
  });

  const canCmd = new Command('can')
    .description('can SUBJECT (user:NAME, group:NAME, sa:NS:NAME) do VERB on RESOURCE[/SUB] [NAME]?')
    .argument('<subject>')
    .argument('<verb>')
    .argument('<resource>')
    .argument('[name]');
  addCommon(canCmd).action(
    async (subjectText: string, verb: string, resource: string, name: string | undefined, flags: RbacFlags) => {
      let subject;
      try {
        subject = parseSubject(subjectText);
      } catch (e) {
        throw new KubeseamError('usage', (e as Error).message);
      }
      const model = buildModel((await loadSource(sourceSpec(flags))).input);
      const answer = can(rbacIndexFor(model), subject, requestFrom(verb, resource, name, flags));
      const question = `can ${subjectText} ${describeRequest(verb, resource, name, flags)}`;
      process.stdout.write(
        flags.format === 'json'
          ? JSON.stringify({ question, ...answer }, null, 2) + '\n'
          : renderCan(question, answer, { color: useColor(process.stdout, flags.color === false ? false : undefined) }),
      );
      // Like `kubectl auth can-i`: exit 0 for yes, 1 for no.
      state.exitCode = answer.allowed ? 0 : 1;
    },
  );

  const review = new Command('review').description(
    'each middleware service account against the RBAC its catalog entry ships with; extra grants are findings',
  );
  addSourceOptions(review)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--no-color', 'never colour the output')
    .action(async (flags: RbacFlags) => {
      const model = buildModel((await loadSource(sourceSpec(flags))).input);
      classify(model);
      const rows = reviewMiddlewareRbac(model);
      process.stdout.write(
        flags.format === 'json'
          ? JSON.stringify(rows, null, 2) + '\n'
          : renderRbacReview(rows, { color: useColor(process.stdout, flags.color === false ? false : undefined) }),
      );
      state.exitCode = rows.some((r) => r.extras.length > 0) ? 1 : 0;
    });

  return rbac.addCommand(who).addCommand(canCmd).addCommand(review);
}
