// The housekeeping windows App mounts once: Disk use and Clean up (each renders nothing while closed).
import { CleanUpSheet } from './CleanUpSheet.tsx';
import { DiskUseView } from './DiskUseView.tsx';

export function HousekeepingDialogs() {
  return (
    <>
      <DiskUseView />
      <CleanUpSheet />
    </>
  );
}
