import { emptyTask, fromTask, toTaskCreate, toTaskUpdate, type Task } from "./taskForm";

const TASK: Task = {
  id: 8,
  owner_id: 3,
  title: "Préparer le salon",
  notes: "",
  due_on: "2026-12-02",
  due_at: null,
  reminder_at: null,
  done: false,
  done_at: null,
  link: { kind: "prospect", id: 12, href: "/prospects/12" },
  created_at: "2026-11-20T08:00:00Z",
  updated_at: "2026-11-20T08:00:00Z",
  version: 3,
};

describe("the task form's bodies", () => {
  it("sends a day, or a moment when a time is typed, and a whole link or none", () => {
    const day = { ...emptyTask("2026-12-02"), title: " Rappeler Martin " };
    expect(toTaskCreate(day)).toEqual({
      title: "Rappeler Martin",
      notes: "",
      due_on: "2026-12-02",
      reminder_at: null,
      link_kind: null,
      link_id: null,
    });
    const timed = toTaskCreate({
      ...day,
      due_time: "14:00",
      reminder: "2026-12-02T13:30",
      link_kind: "campaign",
      link_id: 4,
    });
    expect(timed).toMatchObject({
      due_at: new Date("2026-12-02T14:00").toISOString(),
      reminder_at: new Date("2026-12-02T13:30").toISOString(),
      link_kind: "campaign",
      link_id: 4,
    });
    expect(timed).not.toHaveProperty("due_on");
    // A kind chosen without its record: sent, and the server names the missing half.
    expect(toTaskCreate({ ...day, link_kind: "tour" })).toMatchObject({ link_kind: "tour", link_id: null });
  });

  it("reads a task back and sends its link only when it changed", () => {
    const values = fromTask(TASK);
    expect(values).toMatchObject({
      due_day: "2026-12-02",
      due_time: "",
      link_kind: "prospect",
      link_id: 12,
      link_label: "Prospect n° 12",
    });
    expect(toTaskUpdate(TASK, values)).toEqual({
      version: 3,
      title: "Préparer le salon",
      notes: "",
      due_on: "2026-12-02",
      reminder_at: null,
    });
    expect(toTaskUpdate(TASK, { ...values, link_kind: "", link_id: null })).toMatchObject({
      link_kind: null,
      link_id: null,
    });
    const timed = fromTask({ ...TASK, due_at: new Date("2026-12-02T14:00").toISOString() });
    expect(timed).toMatchObject({ due_day: "2026-12-02", due_time: "14:00" });
  });
});
