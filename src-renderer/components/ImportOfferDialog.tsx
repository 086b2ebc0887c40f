import { useApp } from '../state/store.ts';
import { acceptImportOffer, declineImportOffer } from '../state/actions/io.ts';
import { Button } from './Bits.tsx';
import { Modal } from './Modal.tsx';

export function ImportOfferDialog() {
  const offer = useApp((s) => s.importOffer);
  if (!offer) return null;
  const one = offer.length === 1 ? offer[0] : undefined;
  const what = one ? (one.isArchive ? `${one.name} is a saved model archive.` : `${one.name} already holds a model.yaml.`) : `These ${offer.length} items look like saved models.`;
  return (
    <Modal title="Import saved model?" titleId="import-offer-title" describedBy="import-offer-text" onClose={() => declineImportOffer(false)}>
      <p id="import-offer-text">
        {what} Import {one ? 'it' : 'them'} with {one ? 'its' : 'their'} own tag, labels and metadata, or put {one ? 'it' : 'them'} into a new model as plain files?
      </p>
      <div className="modal-buttons">
        <Button onClick={() => declineImportOffer(false)}>Cancel</Button>
        <Button onClick={() => declineImportOffer(true)}>Use as model files</Button>
        <Button variant="primary" autoFocus onClick={acceptImportOffer}>
          Import
        </Button>
      </div>
    </Modal>
  );
}
