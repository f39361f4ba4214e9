import { useRouter, useSignedIn } from '../../app/context';
import { useBarcodeScanner } from './scanner';

/** A barcode scanned on any screen opens the returns screen and looks the code up. */
export function ScanListener() {
  const { user } = useSignedIn();
  const scan = useRouter((s) => s.scan);
  useBarcodeScanner(scan, user.permissions.includes('returns.create'));
  return null;
}
