import { ROLE_LABELS, type Role } from "@/server/auth/permissions";

/** Demo mode only: the seeded accounts, so a newcomer can try every role. */
export function DemoAccounts({ accounts }: { accounts: { role: Role; email: string; password: string }[] }) {
  return (
    <section
      aria-labelledby="demo-accounts"
      className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4"
      data-testid="demo-accounts"
    >
      <h2 id="demo-accounts" className="text-sm font-semibold text-amber-900">
        Demo accounts
      </h2>
      <p className="mt-0.5 text-xs text-amber-800">
        This console runs on demo data. Each role sees a different console.
      </p>
      <table className="mt-2 w-full text-left text-xs text-amber-950">
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">
              Role
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Email
            </th>
            <th scope="col" className="py-1 font-medium">
              Password
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.email}>
              <td className="py-0.5 pr-2">{ROLE_LABELS[account.role]}</td>
              <td className="whitespace-nowrap py-0.5 pr-2 font-mono">{account.email}</td>
              <td className="whitespace-nowrap py-0.5 font-mono">{account.password}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
