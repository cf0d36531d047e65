// The routes of the training exercises, mounted under the session's layout by App.tsx.
// App calls exercisesRoutes() on every render, unconditionally, so the useAuth() below keeps
// a stable hook order: staff prepare exercises and follow them, trainees run theirs.
import { Route } from "react-router-dom";
import { isStaff, useAuth } from "../../auth/AuthContext";
import { lazyPage } from "../../components/lazyPage";
const ExercisesPage = lazyPage(() => import("./ExercisesPage"), "ExercisesPage");
const NewExercisePage = lazyPage(() => import("./NewExercisePage"), "NewExercisePage");
const ExercisePage = lazyPage(() => import("./ExercisePage"), "ExercisePage");
const MyExercisesPage = lazyPage(() => import("./MyExercisesPage"), "MyExercisesPage");
const RunPage = lazyPage(() => import("./RunPage"), "RunPage");

export function exercisesRoutes() {
  // eslint-disable-next-line react-hooks/rules-of-hooks -- see above
  const { me } = useAuth();
  if (isStaff(me)) {
    return (
      <>
        <Route path="exercices" element={<ExercisesPage />} />
        <Route path="exercices/nouveau" element={<NewExercisePage />} />
        <Route path="exercices/:id" element={<ExercisePage />} />
      </>
    );
  }
  return (
    <>
      <Route path="mes-exercices" element={<MyExercisesPage />} />
      <Route path="mes-exercices/:id" element={<RunPage />} />
    </>
  );
}
