// The routes of this area, mounted under the session's layout by App.tsx.
import { Route } from "react-router-dom";
import { lazyPage } from "../../components/lazyPage";
import { TraineeOnly } from "../../components/Staff";
const AgendaPage = lazyPage(() => import("./AgendaPage"), "AgendaPage");
const TasksPage = lazyPage(() => import("./TasksPage"), "TasksPage");
const FeedsPage = lazyPage(() => import("./FeedsPage"), "FeedsPage");

export function agendaRoutes() {
  return (
    <>
      {/* Staff read a trainee's week here (?stagiaire=ID); tasks and feeds are the trainee's own. */}
      <Route path="agenda" element={<AgendaPage />} />
      <Route
        path="agenda/taches"
        element={
          <TraineeOnly title="Tâches">
            <TasksPage />
          </TraineeOnly>
        }
      />
      <Route
        path="agenda/abonnement"
        element={
          <TraineeOnly title="Abonnement au calendrier">
            <FeedsPage />
          </TraineeOnly>
        }
      />
    </>
  );
}
