import { errorResponse, json } from '@/lib/api-response';
import { currentSession } from '@/lib/current-session';

export const dynamic = 'force-dynamic';

/** Who is signed in (public: anonymous visitors get `{ user: null }`). */
export async function GET() {
  const session = await currentSession().catch((err: unknown) => err as Error);
  if (session instanceof Error) return errorResponse(session);
  if (!session) return json({ user: null, guilds: [] });
  return json({ user: session.user, guilds: session.guilds, expiresAt: session.exp });
}
