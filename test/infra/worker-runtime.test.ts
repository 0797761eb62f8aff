import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { workers } from '../../functions/workers/workers.ts';
import { ProfileSharingStack } from '../../infra/stack.ts';

/**
 * How each worker's Node.js runs in Lambda: the V8 flags a worker row declares reach its function as
 * NODE_OPTIONS (bench:export measures the packager with exactly these), and no other worker gets any.
 */
const stack = new ProfileSharingStack(
  new App({ builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [] } }),
  'WorkerRuntime',
);
const template = Template.fromStack(stack);
const functions = template.findResources('AWS::Lambda::Function');

const nodeOptionsOf = (entry: string) => {
  const fn = stack.workers.functions.find((f) => f.entry === entry)!;
  const id = Stack.of(fn).resolve((fn.node.defaultChild as CfnElement).logicalId) as string;
  return functions[id]!.Properties.Environment?.Variables?.NODE_OPTIONS as string | undefined;
};

describe('worker runtimes', () => {
  it('runs the packaging worker with a small young generation, so its memory stays flat over a long zip', () => {
    const packaging = workers.find((w) => w.queue === 'packaging')!;
    expect(nodeOptionsOf(packaging.entry)).toBe('--max-semi-space-size=4');
  });

  it('leaves every other worker with the V8 limits Lambda derives from its memory', () => {
    for (const worker of workers.filter((w) => !('v8Flags' in w)))
      expect(nodeOptionsOf(worker.entry), worker.entry).toBeUndefined();
  });
});
