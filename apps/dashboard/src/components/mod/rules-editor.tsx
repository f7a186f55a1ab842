'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, Textarea } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import type { RuleInput, RulesView } from '@/lib/clients/onboarding';
import { saveJson } from './save-json';

interface Draft extends RuleInput {
  key: string;
  existing: boolean;
  questionText?: string;
  choicesText?: string;
  answer?: number;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'rule';

/**
 * Edits titles, texts and lessons and publishes a new version. Existing quizzes are kept (their
 * answers never leave services/onboarding); a new rule brings one question of its own.
 */
export function RulesEditor({ guildId, initial }: { guildId: string; initial: RulesView }) {
  const router = useRouter();
  const [drafts, setDrafts] = useState<Draft[]>(initial.rules.map((r) => ({ key: r.id, id: r.id, title: r.title, text: r.text, lesson: r.lesson, existing: true })));
  const [reagree, setReagree] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | undefined>();
  const [saving, setSaving] = useState(false);
  const update = (key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));

  async function publish(e: FormEvent) {
    e.preventDefault();
    const rules: RuleInput[] = drafts.map((d) => {
      const rule: RuleInput = { id: d.existing ? d.id : slug(d.title), title: d.title, text: d.text, lesson: d.lesson };
      if (!d.existing) {
        const choices = (d.choicesText ?? '').split('\n').map((c) => c.trim()).filter(Boolean);
        rule.questions = [{ id: 'q1', prompt: d.questionText ?? '', choices, answer: d.answer ?? 0 }];
      }
      return rule;
    });
    setSaving(true);
    const result = await saveJson<{ version: number }>(`/api/guilds/${guildId}/mod/rules`, 'PUT', { rules, requiresReagreement: reagree });
    setSaving(false);
    if (!result.ok) return setMessage({ tone: 'error', text: result.error });
    setMessage({ tone: 'success', text: `Published version ${result.data.version}.` });
    router.refresh();
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>Rules</CardTitle>
        <CardDescription>Version {initial.version}. Publishing creates a new version; Discord shows the rules as one message.</CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={publish} className="space-y-4" aria-label="Rules editor">
          <ol className="space-y-4">
            {drafts.map((d, i) => (
              <li key={d.key} className="space-y-3 rounded-lg border border-border p-4">
                <div className="flex items-center justify-between gap-2">
                  <span className="text-sm font-medium">Rule {i + 1}</span>
                  <div className="flex gap-1">
                    <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => setDrafts((ds) => move(ds, i, i - 1))} aria-label={`Move rule ${i + 1} up`}>
                      ↑
                    </Button>
                    <Button variant="ghost" size="sm" disabled={i === drafts.length - 1} onClick={() => setDrafts((ds) => move(ds, i, i + 1))} aria-label={`Move rule ${i + 1} down`}>
                      ↓
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))} aria-label={`Delete rule ${i + 1}`}>
                      Delete
                    </Button>
                  </div>
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-title`}>Title</Label>
                  <Input id={`${d.key}-title`} required maxLength={100} value={d.title} onChange={(e) => update(d.key, { title: e.target.value })} />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-text`}>Rule text</Label>
                  <Textarea id={`${d.key}-text`} required maxLength={1000} value={d.text} onChange={(e) => update(d.key, { text: e.target.value })} />
                </div>
                <div className="space-y-1.5">
                  <Label htmlFor={`${d.key}-lesson`}>Lesson</Label>
                  <Textarea id={`${d.key}-lesson`} required maxLength={4000} value={d.lesson ?? ''} onChange={(e) => update(d.key, { lesson: e.target.value })} />
                </div>
                {!d.existing && (
                  <fieldset className="space-y-2 rounded-md bg-muted/40 p-3">
                    <legend className="text-sm font-medium">Quiz question</legend>
                    <Label htmlFor={`${d.key}-q`}>Question</Label>
                    <Input id={`${d.key}-q`} required maxLength={300} value={d.questionText ?? ''} onChange={(e) => update(d.key, { questionText: e.target.value })} />
                    <Label htmlFor={`${d.key}-choices`}>Choices (one per line, 2–6)</Label>
                    <Textarea id={`${d.key}-choices`} required value={d.choicesText ?? ''} onChange={(e) => update(d.key, { choicesText: e.target.value })} />
                    <Label htmlFor={`${d.key}-answer`}>Number of the right choice</Label>
                    <Input id={`${d.key}-answer`} type="number" min={1} max={6} required value={(d.answer ?? 0) + 1} onChange={(e) => update(d.key, { answer: Number(e.target.value) - 1 })} />
                  </fieldset>
                )}
              </li>
            ))}
          </ol>
          <Button variant="outline" onClick={() => setDrafts((ds) => [...ds, { key: `new-${Date.now()}`, id: '', title: '', text: '', lesson: '', existing: false }])}>
            Add rule
          </Button>
          <div className="flex items-center gap-2">
            <input id="reagree" type="checkbox" className="h-4 w-4 accent-[var(--color-primary)]" checked={reagree} onChange={(e) => setReagree(e.target.checked)} />
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

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}
