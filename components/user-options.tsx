type Person = { id: string; username: string };

/** A <select>'s options, one a user: the value is the id, the text the @username. */
export function UserOptions({ users }: { users: Person[] }) {
  return users.map((user) => (
    <option key={user.id} value={user.id}>
      @{user.username}
    </option>
  ));
}
