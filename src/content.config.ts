import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** The workloads the course teaches, in the order the course map shows them. */
export const WORKLOADS = ['Pod', 'ReplicaSet/Deployment', 'Job', 'CronJob', 'TFJob', 'PyTorchJob', 'overview'] as const;

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.object({
    title: z.string().min(1, 'title must not be empty'),
    workload: z.enum(WORKLOADS),
    order: z.number().int().positive(),
    summary: z.string().min(10, 'summary must be one real sentence').max(200, 'summary must fit on one line (200 characters)'),
    objectives: z.array(z.string().min(1)).min(2, 'list at least two learning objectives').max(8),
    minutes: z.number().int().positive().max(90),
  }).strict(),
});

export const collections = { lessons };
