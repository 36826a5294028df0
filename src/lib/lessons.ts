import { getCollection, type CollectionEntry } from 'astro:content';

export type Lesson = CollectionEntry<'lessons'>;

/** Every lesson in course order. */
export async function courseLessons(): Promise<Lesson[]> {
  const lessons = await getCollection('lessons');
  return lessons.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

export function lessonHref(lesson: Lesson): string {
  return `${import.meta.env.BASE_URL}lessons/${lesson.id}/`;
}
