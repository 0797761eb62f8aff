// Lint rules, including the dependency direction of design.md:
// domain → domain, events; events → zod/mini; functions → anything but infra; infra → definitions only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Definition modules infra/ may import: data that describes the system, never handler code.
const definitionModules = [
  'http/routes',
  'http/route-definition',
  'http/schemas/[a-z-]+',
  'http/openapi-document',
  'http/error-wording',
  'adapters/dynamo/table',
  'adapters/dynamo/keys',
  'adapters/s3/buckets',
  'workers/workers',
  'shared/env-names',
  'shared/function-needs',
  'http/needs',
  'adapters/documents/font-files',
].join('|');

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.local/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read JSON answers of many shapes; `any` there keeps assertions readable.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-lambda', '@middy/*', '@aws-lambda-powertools/*', 'node:*'],
              message: 'domain/ is pure: no AWS SDK, Lambda types or Node I/O.',
            },
            {
              group: ['**/functions/**', '**/infra/**', '#functions/*', '#infra/*'],
              message: 'domain/ imports only domain/ and events/.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Configuration comes in through ports, not process.env.',
        },
      ],
    },
  },
  {
    files: ['events/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A regex: the group form's `!./*` never let a sibling module of events/ through.
              regex: '^(?!zod/mini$|\\./[^/]+$)',
              message:
                'events/ imports only zod/mini and its own modules (workers parse messages with it; the classic API is ~70 KB more per bundle).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/infra/**', '#infra/*'], message: 'functions/ never imports infra/.' }] },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through functions/shared/env.ts.',
        },
      ],
    },
  },
  {
    files: ['functions/shared/env.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['infra/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+functions/(?!(${definitionModules})\\.ts$)`,
              message:
                'infra/ imports only definitions (route table, table, buckets, workers, env names), never handler code.',
            },
          ],
        },
      ],
    },
  },
);
