// The routes of this area, mounted under the session's layout by App.tsx.
export function trainerRoutes() {
  return <></>;
}
