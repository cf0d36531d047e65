// Cancel an import that is not written yet (from the wizard or the history): the job and the
// history are read again.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { cancelImport } from "../../api/imports";
import { importsChanged } from "../../api/queries/imports";

export function useCancelImport(jobId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelImport(jobId),
    onSuccess: () => {
      importsChanged.cancelled(queryClient, jobId);
    },
  });
}
