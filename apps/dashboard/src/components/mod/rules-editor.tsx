'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { EditableRules, RuleInput } from '@/lib/clients/onboarding';
import {
  blankQuestion,
  move,
  quizProblems,
  toQuestionInput,
  type QuestionDraft,
  type QuizProblem,
} from '@/lib/quiz-draft';
import { QuizEditor } from './quiz-editor';
import { saveJson, type SaveNotice } from './save-json';

interface Draft {
  key: string;
  id: string;
  title: string;
  text: string;
  lesson: string;
  existing: boolean;
  questions: QuestionDraft[];
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'rule';

/**
 * Edits every rule: title, text, lesson and its whole quiz (questions, choices, the right
 * answer), and publishes a new version. The answers come from the moderator-only endpoint and
 * go back only to it; members' quizzes never carry them.
 */
export function RulesEditor(props: { guildId: string; initial: EditableRules }) {
  // The drafts start over from each published version, but what publishing said stays on screen.
  const [message, setMessage] = useState<SaveNotice | undefined>();
  return <Editor key={props.initial.version} {...props} message={message} setMessage={setMessage} />;
}

function Editor({
  guildId,
  initial,
  message,
  setMessage,
}: {
  guildId: string;
  initial: EditableRules;
  message: SaveNotice | undefined;
  setMessage: (notice: SaveNotice | undefined) => void;
}) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>(
    initial.rules.map((r) => ({
      key: r.id,
      id: r.id,
      title: r.title,
      text: r.text,
      lesson: r.lesson,
      existing: true,
      questions: r.questions.map((q) => ({ ...q })),
    })),
  );
  const [reagree, setReagree] = useState(false);
  const [problems, setProblems] = useState<QuizProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const update = (key: string, patch: Partial<Draft>) =>
    setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  async function publish(e: FormEvent) {
    e.preventDefault();
    const found = drafts.flatMap((d, i) => quizProblems(i, d.title, d.questions));
    setProblems(found);
    if (found.length > 0)
      return setMessage({
        tone: 'error',
        text: `Fix ${found.length === 1 ? 'this problem' : `these ${found.length} problems`} before publishing: ${found.map((p) => p.message).join(' ')}`,
      });
    const rules: RuleInput[] = drafts.map((d) => ({
      id: d.existing ? d.id : slug(d.title),
      title: d.title,
      text: d.text,
      lesson: d.lesson,
      questions: d.questions.map(toQuestionInput),
    }));
    setSaving(true);
    const result = await saveJson<{ version: number }>(`/api/guilds/${guildId}/mod/rules`, 'PUT', {
      rules,
      requiresReagreement: reagree,
    });
    setSaving(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error });
    setMessage({ tone: 'success', text: `Published version ${result.data.version}.` });
    router.refresh();
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Rules</CardTitle>
        <CardDescription>
          Version {initial.version}. Publishing creates a new version; Discord shows the rules as one message.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={publish} className="space-y-4" aria-label="Rules editor">
          <ol className="space-y-4">
            {drafts.map((d, i) => (
              <li
                key={d.key}
                className="space-y-3 rounded-lg border border-border p-4"
                data-testid={`rule-editor-${d.key}`}
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="text-sm font-medium">Rule {i + 1}</span>
                  <div className="flex gap-1">
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={i === 0}
                      onClick={() => setDrafts((ds) => move(ds, i, i - 1))}
                      aria-label={`Move rule ${i + 1} up`}
                    >
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={i === drafts.length - 1}
                      onClick={() => setDrafts((ds) => move(ds, i, i + 1))}
                      aria-label={`Move rule ${i + 1} down`}
                    >
                      ↓
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}
                      aria-label={`Delete rule ${i + 1}`}
                    >
                      Delete
                    </Button>
                  </div>
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-title`}>Title</Label>
                  <Input
                    id={`${d.key}-title`}
                    required
                    maxLength={100}
                    value={d.title}
                    onChange={(e) => update(d.key, { title: e.target.value })}
                  />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-text`}>Rule text</Label>
                  <Textarea
                    id={`${d.key}-text`}
                    required
                    maxLength={1000}
                    value={d.text}
                    onChange={(e) => update(d.key, { text: e.target.value })}
                  />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-lesson`}>Lesson</Label>
                  <Textarea
                    id={`${d.key}-lesson`}
                    required
                    maxLength={4000}
                    value={d.lesson}
                    onChange={(e) => update(d.key, { lesson: e.target.value })}
                  />
                </div>
                <QuizEditor
                  ruleKey={d.key}
                  ruleIndex={i}
                  questions={d.questions}
                  problems={problems.filter((p) => p.field.startsWith(`rules.${i}.`))}
                  onChange={(questions) => update(d.key, { questions })}
                />
                {problems.some((p) => p.field === `rules.${i}.questions`) && (
                  <p className="text-sm text-red-300">
                    {problems.find((p) => p.field === `rules.${i}.questions`)!.message}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <Button
            variant="outline"
            onClick={() =>
              setDrafts((ds) => [
                ...ds,
                {
                  key: `new-${Date.now()}`,
                  id: '',
                  title: '',
                  text: '',
                  lesson: '',
                  existing: false,
                  questions: [blankQuestion([])],
                },
              ])
            }
          >
            Add rule
          </Button>
          <div className="flex items-center gap-2">
            <input
              id="reagree"
              type="checkbox"
              className="h-4 w-4 accent-[var(--color-primary)]"
              checked={reagree}
              onChange={(e) => setReagree(e.target.checked)}
            />
            <Label htmlFor="reagree">Members must agree again</Label>
          </div>
          {message && <Alert tone={message.tone}>{message.text}</Alert>}
          <Button type="submit" disabled={saving || drafts.length === 0}>
            {saving ? 'Publishing…' : 'Publish rules'}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
