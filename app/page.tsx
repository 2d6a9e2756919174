import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/auth/guards";
import { homePathFor } from "@/server/auth/permissions";

export default async function Home() {
  const user = await getCurrentUser();
  redirect(user ? homePathFor(user.role) : "/sign-in");
}
