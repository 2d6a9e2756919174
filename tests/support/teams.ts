import { getDb } from "../../server/db/client";
import { createTestUser } from "./users";

/**
 * The teams the default routing rules name, each with `size` active owners, so conversations have
 * someone to go to. Returns the member ids per team (only the ones this call added).
 */
export async function ensureRoutingTeams(size = 2): Promise<Record<string, string[]>> {
  const db = getDb();
  const members: Record<string, string[]> = {};
  for (const name of ["Sales", "Support", "Customer Success", "Intake"]) {
    const team = await db.team.upsert({ where: { name }, create: { name }, update: {}, select: { id: true } });
    members[name] = [];
    for (let i = 0; i < size; i++) {
      const user = await createTestUser("owner", { name: `${name} owner ${i}` });
      await db.teamMembership.create({ data: { teamId: team.id, userId: user.id } });
      members[name].push(user.id);
    }
  }
  return members;
}
