// Rendered, inside the app's layout and with a 403, when a page calls forbidden(): the member's
// role may not open it (next.config.js enables authInterrupts).
import { NoAccessView } from "../no-access/no-access-view";

export default function Forbidden() {
  return <NoAccessView />;
}
